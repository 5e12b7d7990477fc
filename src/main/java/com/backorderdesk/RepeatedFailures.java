package com.backorderdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The log of a background job that retries on its own (a dispatcher polling every second,
 * a job every minute): a run of failures is logged as a warning when it starts, a
 * reminder every {@link #REMINDER} while it lasts, and a line when the job works again,
 * not once per attempt. During a database outage the jobs would otherwise bury the log
 * under thousands of identical warnings (a 51-minute outage once gave 3,084 from the
 * webhook dispatcher alone). Attempts in between are logged at debug level.
 *
 * <p>
 * Logback's {@code DuplicateMessageFilter} drops repeats too, but for the whole process
 * and for ever after a count, so the end of an outage and a second outage would go
 * unseen: hence this small class.
 */
public final class RepeatedFailures {

	/** How often a run of failures is logged again while it lasts. */
	public static final Duration REMINDER = Duration.ofMinutes(10);

	private final Log logger;

	private final String job;

	private final AtomicLong failures = new AtomicLong();

	private volatile @Nullable Instant since;

	private volatile long remindedAt;

	/**
	 * One job's failures.
	 * @param logger the job's logger
	 * @param job what the job does, as the start of a sentence ("E-mail dispatch")
	 */
	public RepeatedFailures(Log logger, String job) {
		this.logger = logger;
		this.job = job;
	}

	/**
	 * One attempt of the job, with its failure logged and then dropped, so the job's next
	 * attempt runs as usual.
	 * @param <T> what the attempt gives
	 * @param attempt the attempt
	 * @return the attempt, empty when it failed
	 */
	public <T> Mono<T> attempt(Mono<T> attempt) {
		return attempt.doOnSuccess((value) -> succeeded()).onErrorResume((ex) -> {
			failed(ex);
			return Mono.empty();
		});
	}

	/**
	 * One attempt of the job, as {@link #attempt(Mono)}, whose values may have come
	 * before it failed.
	 * @param <T> what the attempt gives
	 * @param attempt the attempt
	 * @return the attempt, ending without error when it failed
	 */
	public <T> Flux<T> attempt(Flux<T> attempt) {
		return attempt.doOnComplete(this::succeeded).onErrorResume((ex) -> {
			failed(ex);
			return Flux.empty();
		});
	}

	/**
	 * Records a failed attempt: a warning for the first of a run, and every
	 * {@link #REMINDER} after it.
	 * @param ex what went wrong (its message is logged, not its stack)
	 */
	public void failed(Throwable ex) {
		long count = this.failures.incrementAndGet();
		long now = System.nanoTime();
		if (count == 1) {
			this.since = Instant.now();
			this.remindedAt = now;
			this.logger.warn(this.job + " failed, trying again: " + ex.getMessage());
		}
		else if (now - this.remindedAt >= REMINDER.toNanos()) {
			this.remindedAt = now;
			this.logger.warn(
					this.job + " still failing (" + count + " attempts since " + this.since + "): " + ex.getMessage());
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug(this.job + " failed again (" + count + " attempts): " + ex.getMessage());
		}
	}

	/** Records an attempt that worked: ends a run of failures, and says so. */
	public void succeeded() {
		long count = this.failures.getAndSet(0);
		if (count > 0) {
			this.logger.info(this.job + " works again, after " + count + " failed attempts since " + this.since);
		}
	}

	/**
	 * How many attempts in a row have failed.
	 * @return the count, 0 when the last attempt worked
	 */
	public long failures() {
		return this.failures.get();
	}

}
