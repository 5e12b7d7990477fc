package com.backorderdesk.timeline;

import org.jspecify.annotations.Nullable;

/**
 * Who an order event says caused it, and the one rule for telling a member of staff from
 * everyone else: staff changes are appended with the actor {@code staff:<username>}; the
 * customer's own choices with {@value #CUSTOMER}; jobs with {@value #SYSTEM}. Readers ask
 * here rather than look at the text themselves.
 */
public final class Actors {

	/** The customer, acting on their order page or through a link in an e-mail. */
	public static final String CUSTOMER = "customer";

	/** A scheduled job or a rule the application applies by itself. */
	public static final String SYSTEM = "system";

	private static final String STAFF_PREFIX = "staff:";

	private Actors() {
	}

	/**
	 * The actor of a change a member of staff makes.
	 * @param username the staff member's username
	 * @return {@code staff:<username>}
	 */
	public static String staff(String username) {
		return STAFF_PREFIX + username;
	}

	/**
	 * Whether an actor is a member of staff.
	 * @param actor an event's actor
	 * @return whether it was written by {@link #staff(String)}
	 */
	public static boolean isStaff(String actor) {
		return actor.startsWith(STAFF_PREFIX) && actor.length() > STAFF_PREFIX.length();
	}

	/**
	 * The username of a staff actor.
	 * @param actor an event's actor
	 * @return the username, or {@code null} when the actor is not a member of staff
	 */
	public static @Nullable String staffUsername(String actor) {
		return isStaff(actor) ? actor.substring(STAFF_PREFIX.length()) : null;
	}

	/**
	 * Whether customer service made one of the customer's own choices for them, which the
	 * customer is told as "done by our customer service" (timeline and e-mails).
	 * @param event the event
	 * @return whether it is a {@link CustomerChoice} made by a member of staff
	 */
	public static boolean forCustomer(OrderEvent event) {
		return event.event() instanceof CustomerChoice && isStaff(event.actor());
	}

}
