package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Counts lookup attempts per client address and per order number in PostgreSQL, so the
 * limit holds across instances and restarts, and guessing an e-mail address takes longer
 * than it is worth.
 */
@Component
class LookupAttempts {

	static final String CLIENT = "CLIENT";

	static final String ORDER = "ORDER";

	/** The longest key the table takes. */
	private static final int MAX_KEY = 200;

	/** Old rows removed per attempt: enough to keep up, never a long statement. */
	private static final int PRUNE_BATCH = 100;

	private final DatabaseClient db;

	private final LookupSettings settings;

	private final Clock clock;

	LookupAttempts(DatabaseClient db, LookupSettings settings, Clock clock) {
		this.db = db;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Records an attempt unless a limit is reached. Must run in a transaction: the
	 * advisory locks serialise attempts on the same keys, so concurrent requests cannot
	 * both slip under the limit.
	 * @param clientAddress the client's address, as the request gives it
	 * @param number the order number tried, or empty when none was given
	 * @return how long to wait, or zero when the attempt was recorded and may proceed
	 */
	Mono<Duration> record(String clientAddress, String number) {
		String client = clientKey(clientAddress);
		Instant now = this.clock.instant();
		Instant since = now.minus(this.settings.window());
		return lock(CLIENT, client).then(number.isEmpty() ? Mono.empty() : lock(ORDER, number))
			.then(this.db.sql("""
					-- both limits must clear, so the later of the two decides the wait
					select max(oldest) as oldest from (
						select min(attempted_at) as oldest, count(*) as attempts from lookup_attempt
						where scope = :client and key = :clientKey and attempted_at > :since
						union all
						select min(attempted_at), count(*) from lookup_attempt
						where scope = :order and key = :orderKey and attempted_at > :since
					) counted where attempts >= :max
					""")
				.bind("client", CLIENT)
				.bind("clientKey", client)
				.bind("order", ORDER)
				.bind("orderKey", number)
				.bind("since", since)
				.bind("max", (long) this.settings.maxAttempts())
				.map((row) -> Optional.ofNullable(row.get("oldest", Instant.class)))
				.one()
				.flatMap((blocked) -> blocked.map((oldest) -> Mono.just(waitFrom(oldest, now)))
					.orElseGet(() -> insert(client, number, now, since).thenReturn(Duration.ZERO))));
	}

	/**
	 * The key a client's attempts are counted under: its address, or a digest of it when
	 * a forwarded address is longer than the column takes; never empty.
	 */
	static String clientKey(String address) {
		if (address.isBlank()) {
			return "unknown";
		}
		if (address.length() <= MAX_KEY && address.chars().noneMatch(Character::isISOControl)) {
			return address;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private Duration waitFrom(Instant oldest, Instant now) {
		Duration wait = Duration.between(now, oldest.plus(this.settings.window()));
		return wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
	}

	private Mono<Void> lock(String scope, String key) {
		return this.db.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
			.bind("key", scope + ":" + key)
			.then();
	}

	private Mono<Void> insert(String client, String number, Instant now, Instant since) {
		Mono<Void> prune = this.db.sql("""
				delete from lookup_attempt where ctid = any(array(
					select ctid from lookup_attempt where attempted_at <= :since limit :batch))
				""").bind("since", since).bind("batch", PRUNE_BATCH).then();
		Mono<Void> insert = this.db
			.sql("""
					insert into lookup_attempt (scope, key, attempted_at)
					select * from (values (:client, :clientKey, :now), (:order, :orderKey, :now)) as a(scope, key, attempted_at)
					where a.key <> ''
					""")
			.bind("client", CLIENT)
			.bind("clientKey", client)
			.bind("order", ORDER)
			.bind("orderKey", number)
			.bind("now", now)
			.then();
		return prune.then(insert);
	}

}
