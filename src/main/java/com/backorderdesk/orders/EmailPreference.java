package com.backorderdesk.orders;

/**
 * Which changes to an order the customer wants to hear about by e-mail.
 */
public enum EmailPreference {

	/** Every new window, status and choice. */
	EVERY_UPDATE,

	/** Only what needs the customer: out of stock, a substitute offered, shipped. */
	IMPORTANT_ONLY,

	/** No e-mail; the order page still shows everything. */
	NONE

}
