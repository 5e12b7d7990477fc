package com.backorderdesk.notification;

import com.backorderdesk.orders.EmailPreference;

/**
 * What an e-mail can tell, each with how much it matters: customers who want every update
 * get everything; "only important ones" get the important news and what the law requires;
 * "none" still get what the law requires (the FTC Mail, Internet, or Telephone Order
 * Merchandise Rule: delay notices with their options, cancellations and refunds).
 */
public enum MailContent {

	/** The first e-mail about an order: where every item stands. */
	CONFIRMATION(Weight.EVERY),

	/** Where every item stands, sent again at the customer's request. */
	FULL_STATUS(Weight.REQUIRED),

	/** An item is later than promised: wait, take a substitute or cancel. */
	DELAY_NOTICE(Weight.REQUIRED),

	/** Waiting units were cancelled, and what is refunded. */
	CANCELLED(Weight.REQUIRED),

	/** Units left the warehouse. */
	SHIPPED(Weight.IMPORTANT),

	/** Units that were ready to ship went back to waiting. */
	NO_LONGER_READY(Weight.IMPORTANT),

	/** A substitute is offered for a waiting item. */
	SUBSTITUTE_OFFERED(Weight.IMPORTANT),

	/** An open substitute offer is about to expire. */
	OFFER_EXPIRING(Weight.IMPORTANT),

	/** A substitute the customer accepted was added to the order. */
	ITEM_ADDED(Weight.IMPORTANT),

	/** A delivery window moved later by enough to matter. */
	WINDOW_LATER(Weight.EVERY),

	/** A delivery window moved earlier by enough to matter. */
	WINDOW_EARLIER(Weight.EVERY),

	/** Units that had no date got a delivery window. */
	GOT_DATE(Weight.EVERY),

	/** Units lost their delivery window: no date any more. */
	LOST_DATE(Weight.IMPORTANT),

	/** Units that waited arrived and are ready to ship. */
	READY(Weight.EVERY),

	/**
	 * Nothing changed for a while: where each waiting item stands, and why, for customers
	 * who want every update.
	 */
	STILL_WAITING(Weight.EVERY),

	/** A product someone asked about is back. */
	BACK_IN_STOCK(Weight.REQUIRED);

	private final Weight weight;

	MailContent(Weight weight) {
		this.weight = weight;
	}

	/**
	 * Whether a customer with this preference gets it.
	 * @param preference the order's e-mail preference
	 * @return whether it is sent to them
	 */
	public boolean wanted(EmailPreference preference) {
		return switch (preference) {
			case EVERY_UPDATE -> true;
			case IMPORTANT_ONLY -> this.weight != Weight.EVERY;
			case NONE -> this.weight == Weight.REQUIRED;
		};
	}

	/**
	 * Whether the law requires it, whatever the customer chose.
	 * @return whether it is required
	 */
	public boolean required() {
		return this.weight == Weight.REQUIRED;
	}

	private enum Weight {

		EVERY, IMPORTANT, REQUIRED

	}

}
