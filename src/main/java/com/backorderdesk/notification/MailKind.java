package com.backorderdesk.notification;

/**
 * Why an outbox row was queued. What the e-mail says is decided when it is sent
 * ({@link MailContent}).
 */
public enum MailKind {

	/**
	 * Something happened to an order: its customer should hear about it. One pending row
	 * per order; everything that happens until it is sent goes into the same e-mail.
	 */
	ORDER,

	/** A product someone asked about can be ordered again; about no order. */
	BACK_IN_STOCK

}
