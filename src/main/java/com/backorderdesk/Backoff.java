package com.backorderdesk;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying again what failed (an e-mail, a webhook): exponential
 * backoff with "equal jitter", half the wait fixed and half random, so that what failed
 * together (a server that was down) does not all come back at once.
 */
public final class Backoff {

	private Backoff() {
	}

	/**
	 * The wait after some failed attempts.
	 * @param attempts attempts made so far, at least 1
	 * @param base the wait after the first; doubled after each
	 * @param max the longest wait
	 * @return between half the full wait and the full wait
	 */
	public static Duration after(int attempts, Duration base, Duration max) {
		long ceiling = max.toMillis();
		long wait = (attempts >= 31) ? ceiling : Math.min(ceiling, base.toMillis() << Math.max(0, attempts - 1));
		long half = wait / 2;
		return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
	}

}
