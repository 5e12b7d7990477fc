package com.backorderdesk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.impl.NoOpLog;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A background job's run of failures is logged when it starts and when it ends, not once
 * per attempt.
 */
class RepeatedFailuresTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Recorded log = new Recorded();

	private final RepeatedFailures failures = new RepeatedFailures(this.log, "E-mail dispatch");

	@Test
	void whenAJobFailsManyTimesThenOneWarningAndOneRecoveryAreLogged() {
		for (int i = 0; i < 100; i++) {
			StepVerifier.create(this.failures.attempt(Mono.error(new IllegalStateException("connection refused"))))
				.expectComplete()
				.verify(TIMEOUT);
		}
		assertThat(this.failures.failures()).isEqualTo(100);
		StepVerifier.create(this.failures.attempt(Mono.just(3))).expectNext(3).expectComplete().verify(TIMEOUT);
		assertThat(this.log.lines).hasSize(2);
		assertThat(this.log.lines.get(0)).startsWith("WARN E-mail dispatch failed, trying again: connection refused");
		assertThat(this.log.lines.get(1)).startsWith("INFO E-mail dispatch works again, after 100 failed attempts");
		assertThat(this.failures.failures()).isZero();
	}

	@Test
	void whenASecondRunOfFailuresStartsThenItIsLoggedAgain() {
		StepVerifier.create(this.failures.attempt(Flux.<Integer>error(new IllegalStateException("first"))))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.failures.attempt(Flux.just(1, 2))).expectNext(1, 2).expectComplete().verify(TIMEOUT);
		StepVerifier
			.create(this.failures.attempt(Flux.concat(Flux.just(1), Flux.error(new IllegalStateException("second")))))
			.expectNext(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(this.log.lines).hasSize(3);
		assertThat(this.log.lines.get(2)).isEqualTo("WARN E-mail dispatch failed, trying again: second");
	}

	@Test
	void whenAnAttemptWorksWithoutAnyFailureBeforeThenNothingIsLogged() {
		StepVerifier.create(this.failures.attempt(Mono.empty())).expectComplete().verify(TIMEOUT);
		assertThat(this.log.lines).isEmpty();
	}

	/** Keeps what is logged at info level and above. */
	private static final class Recorded extends NoOpLog {

		private final List<String> lines = new ArrayList<>();

		@Override
		public void warn(Object message) {
			this.lines.add("WARN " + message);
		}

		@Override
		public void info(Object message) {
			this.lines.add("INFO " + message);
		}

	}

}
