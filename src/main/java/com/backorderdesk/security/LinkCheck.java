package com.backorderdesk.security;

/**
 * What a signed link turned out to be.
 *
 * @param outcome valid, or why not
 * @param orderId the order the link opens; {@code 0} when the link was not valid
 * @param number the order's number; empty when the link was not valid
 * @param linkRevision the order's link revision the link was signed with; {@code 0} when
 * the link was not valid
 */
public record LinkCheck(Outcome outcome, long orderId, String number, int linkRevision) {

	static LinkCheck valid(long orderId, String number, int linkRevision) {
		return new LinkCheck(Outcome.VALID, orderId, number, linkRevision);
	}

	static LinkCheck invalid(Outcome outcome) {
		return new LinkCheck(outcome, 0, "", 0);
	}

	public boolean isValid() {
		return this.outcome == Outcome.VALID;
	}

	/**
	 * Why a link does or does not open its order.
	 */
	public enum Outcome {

		/** Signed by us, for this purpose, not expired, not revoked. */
		VALID,

		/** It was valid once; its time ran out. */
		EXPIRED,

		/** The order's links were revoked after it was sent. */
		REVOKED,

		/**
		 * Not a link we signed (mistyped, cut off or changed), or for another purpose.
		 */
		INVALID

	}

}
