package com.backorderdesk.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How staff logins are protected. Nothing locks an account: failures slow the next
 * attempts on the same key (a client address, a username as typed, or a username on a
 * device it logged in from before), so a guesser cannot keep the real user out.
 *
 * @param freeFailures failures on a key that cost no wait
 * @param maxDelay the longest wait after repeated failures; the wait doubles from one
 * second after the free ones
 * @param forgetAfter failures on a key are forgotten this long after the last one
 * @param deviceTtl how long a browser that logged in stays a trusted device of that
 * username
 * @param failureDelay how long every failed login waits before it is answered
 * @param minPasswordLength the shortest password an admin may set
 */
@ConfigurationProperties("backorder.staff")
public record StaffSettings(@DefaultValue("3") int freeFailures, @DefaultValue("15m") Duration maxDelay,
		@DefaultValue("6h") Duration forgetAfter, @DefaultValue("90d") Duration deviceTtl,
		@DefaultValue("1s") Duration failureDelay, @DefaultValue("12") int minPasswordLength) {

	/**
	 * The wait before the next attempt after a number of failures in a row.
	 * @param failures the failures so far, at least one
	 * @return the wait, zero for the free ones
	 */
	public Duration delayAfter(int failures) {
		int beyond = failures - this.freeFailures;
		if (beyond <= 0) {
			return Duration.ZERO;
		}
		Duration delay = Duration.ofSeconds(1L << Math.min(30, beyond - 1));
		return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
	}

}
