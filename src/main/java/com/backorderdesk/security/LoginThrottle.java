package com.backorderdesk.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing staff passwords, counted in PostgreSQL so that every instance
 * counts the same failures.
 *
 * <p>
 * A browser that logged in as a username before (it holds that username's trusted-device
 * cookie) is counted on its own: failures by anyone else never slow it down, so a guesser
 * cannot keep the real user out. Any other attempt counts against its client address and
 * against the username as typed, whether or not such an account exists. After
 * {@link StaffSettings#freeFailures()} failures on a key, each further failure makes the
 * next attempt on it wait twice as long, up to {@link StaffSettings#maxDelay()}; an
 * attempt that comes too early is refused without checking the password, and does not
 * count. This is OWASP's "slow down online guessing with device cookies".
 */
@Component
class LoginThrottle {

	/** The longest key stored as typed (the column allows 300). */
	private static final int MAX_KEY_LENGTH = 200;

	static final String CLIENT = "CLIENT";

	static final String ACCOUNT = "ACCOUNT";

	static final String DEVICE = "DEVICE";

	private final DatabaseClient db;

	private final StaffSettings settings;

	private final Clock clock;

	LoginThrottle(DatabaseClient db, StaffSettings settings, Clock clock) {
		this.db = db;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * How long an attempt must wait before its password is checked.
	 * @param attempt the attempt
	 * @return the wait; zero when it may proceed
	 */
	Mono<Duration> wait(LoginAttempt attempt) {
		Instant now = this.clock.instant();
		List<Map.Entry<String, String>> keys = keys(attempt);
		return this.db.sql("""
				select max(blocked_until) as until from login_throttle
				where ((scope = :scope1 and key = :key1) or (scope = :scope2 and key = :key2))
					and last_failure_at > :since
				""")
			.bind("scope1", keys.get(0).getKey())
			.bind("key1", keys.get(0).getValue())
			.bind("scope2", keys.get(keys.size() - 1).getKey())
			.bind("key2", keys.get(keys.size() - 1).getValue())
			.bind("since", now.minus(this.settings.forgetAfter()))
			.map((row) -> {
				Instant until = row.get("until", Instant.class);
				return (until != null && until.isAfter(now)) ? Duration.between(now, until) : Duration.ZERO;
			})
			.one()
			.defaultIfEmpty(Duration.ZERO);
	}

	/**
	 * Counts a failed attempt on each of its keys. One statement per key, so concurrent
	 * failures all count.
	 * @param attempt the attempt
	 * @return completion
	 */
	Mono<Void> failed(LoginAttempt attempt) {
		Instant now = this.clock.instant();
		return Flux.fromIterable(keys(attempt))
			.concatMap((key) -> this.db.sql("""
					insert into login_throttle as t (scope, key, failures, last_failure_at, blocked_until)
					values (:scope, :key, 1, :now, :now)
					on conflict (scope, key) do update set
						failures = case when t.last_failure_at <= :since then 1 else t.failures + 1 end,
						last_failure_at = :now
					returning failures
					""")
				.bind("scope", key.getKey())
				.bind("key", key.getValue())
				.bind("now", now)
				.bind("since", now.minus(this.settings.forgetAfter()))
				.map((row) -> row.get("failures", Integer.class))
				.one()
				.flatMap((failures) -> this.db
					.sql("update login_throttle set blocked_until = greatest(blocked_until, :until) "
							+ "where scope = :scope and key = :key")
					.bind("until", now.plus(this.settings.delayAfter(failures)))
					.bind("scope", key.getKey())
					.bind("key", key.getValue())
					.then()))
			.then();
	}

	/**
	 * Forgets the failures of the keys a successful login proved itself on: its device,
	 * or its client address. The username's count is kept, so a guesser's failures are
	 * not wiped by the real user logging in elsewhere.
	 * @param attempt the successful attempt
	 * @return completion
	 */
	Mono<Void> succeeded(LoginAttempt attempt) {
		Map.Entry<String, String> key = keys(attempt).get(0);
		return this.db.sql("delete from login_throttle where scope = :scope and key = :key")
			.bind("scope", key.getKey())
			.bind("key", key.getValue())
			.then();
	}

	/**
	 * Deletes forgotten failures.
	 * @return completion
	 */
	Mono<Void> sweep() {
		return this.db.sql("""
				delete from login_throttle where ctid = any(array(
					select ctid from login_throttle where last_failure_at <= :since limit 1000))
				""").bind("since", this.clock.instant().minus(this.settings.forgetAfter())).then();
	}

	/** The keys an attempt counts on: its device alone, or its client and username. */
	private static List<Map.Entry<String, String>> keys(LoginAttempt attempt) {
		if (attempt.device() != null) {
			return List.of(Map.entry(DEVICE, key(attempt.username() + "|" + attempt.device())));
		}
		return List.of(Map.entry(CLIENT, key(attempt.client())), Map.entry(ACCOUNT, key(attempt.username())));
	}

	/**
	 * A key as stored: what was typed, or its digest when it is empty, longer than a key
	 * may be or holds control characters (PostgreSQL refuses NUL in text), so any
	 * username a form can carry is counted and none breaks the count.
	 */
	private static String key(String value) {
		if (!value.isEmpty() && value.length() <= MAX_KEY_LENGTH && value.chars().noneMatch(Character::isISOControl)) {
			return value;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
