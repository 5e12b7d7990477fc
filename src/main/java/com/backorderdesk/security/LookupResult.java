package com.backorderdesk.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a customer looking up an order by number and e-mail.
 *
 * @param outcome found, no match, or too many attempts
 * @param orderId the order found, {@code 0} otherwise
 * @param number the order's number when found
 * @param linkRevision the order's link revision when found, {@code 0} otherwise
 * @param retryAfter how long to wait when there were too many attempts, zero otherwise
 */
public record LookupResult(Outcome outcome, long orderId, @Nullable String number, int linkRevision,
		Duration retryAfter) {

	static LookupResult found(long orderId, String number, int linkRevision) {
		return new LookupResult(Outcome.FOUND, orderId, number, linkRevision, Duration.ZERO);
	}

	static LookupResult noMatch() {
		return new LookupResult(Outcome.NO_MATCH, 0, null, 0, Duration.ZERO);
	}

	static LookupResult tooManyAttempts(Duration retryAfter) {
		return new LookupResult(Outcome.TOO_MANY_ATTEMPTS, 0, null, 0, retryAfter);
	}

	/**
	 * What a lookup found. {@code NO_MATCH} deliberately does not say whether the order
	 * exists.
	 */
	public enum Outcome {

		FOUND, NO_MATCH, TOO_MANY_ATTEMPTS

	}

}
