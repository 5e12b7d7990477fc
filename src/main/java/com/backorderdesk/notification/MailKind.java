package com.backorderdesk.notification;

/**
 * The e-mails Backorder Desk sends. The important ones reach customers who asked for
 * important e-mail only.
 */
public enum MailKind {

	/**
	 * The order was placed: what is ready, what is backordered and when, what has no
	 * date.
	 */
	CONFIRMATION(false),

	/**
	 * Delivery windows moved by enough to matter; the net change of a coalescing window.
	 */
	ETA_CHANGED(false),

	/** Stock arrived for items that waited: they are ready to ship. */
	READY_TO_SHIP(false),

	/** A shipment left; each partial shipment gets one. */
	SHIPPED(true),

	SUBSTITUTE_OFFERED(true),

	/** An open substitute offer is about to expire. */
	OFFER_EXPIRING(true),

	/** Waiting items were cancelled. */
	CANCELLED(true),

	/** An item is later than promised: wait, take a substitute or cancel. */
	DELAY_NOTICE(true),

	/** A product someone asked about can be ordered again; about no order. */
	BACK_IN_STOCK(true);

	private final boolean important;

	MailKind(boolean important) {
		this.important = important;
	}

	/**
	 * Whether customers who want important e-mail only get this one.
	 * @return whether it is important
	 */
	public boolean important() {
		return this.important;
	}

}
