package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed lookup attempts per client address and per order number in PostgreSQL, so
 * the limit holds across instances and restarts, and guessing an e-mail address takes
 * longer than it is worth. A customer who finds their order is never counted, and finding
 * it forgets the failures that client had at it.
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
	 * Whether a limit is reached: too many failed attempts from this client, or at this
	 * order number, within the window. Must run in the transaction that then records the
	 * outcome: the advisory locks it takes serialise attempts on the same keys until that
	 * transaction ends, so concurrent requests cannot both slip under the limit.
	 * @param clientAddress the client's address, as the request gives it
	 * @param number the order number tried, as {@link #numberKey} makes it, or empty when
	 * none was given
	 * @return how long to wait, or zero when the attempt may proceed
	 */
	Mono<Duration> blocked(String clientAddress, String number) {
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
				.map((blocked) -> blocked.map((oldest) -> waitFrom(oldest, now)).orElse(Duration.ZERO)));
	}

	/**
	 * Counts a failed attempt against the client and the order number, in the transaction
	 * of {@link #blocked}.
	 * @param clientAddress the client's address
	 * @param number the order number tried ({@link #numberKey}), or empty
	 * @return completion
	 */
	Mono<Void> failed(String clientAddress, String number) {
		Instant now = this.clock.instant();
		Mono<Void> prune = this.db.sql("""
				delete from lookup_attempt where ctid = any(array(
					select ctid from lookup_attempt where attempted_at <= :since limit :batch))
				""").bind("since", now.minus(this.settings.window())).bind("batch", PRUNE_BATCH).then();
		Mono<Void> insert = this.db.sql("""
				insert into lookup_attempt (scope, key, paired_key, attempted_at)
				select * from (values (:client, :clientKey, :orderKey, :now), (:order, :orderKey, :clientKey, :now))
					as a(scope, key, paired_key, attempted_at)
				where a.key <> ''
				""")
			.bind("client", CLIENT)
			.bind("clientKey", clientKey(clientAddress))
			.bind("order", ORDER)
			.bind("orderKey", number)
			.bind("now", now)
			.then();
		return prune.then(insert);
	}

	/**
	 * Forgets the client's failed attempts at an order it has now found, in the
	 * transaction of {@link #blocked}: a customer who mistyped their address twice is not
	 * kept counting. Failures of other clients at the order, and of the client at other
	 * orders, still count.
	 * @param clientAddress the client's address
	 * @param number the order number found ({@link #numberKey})
	 * @return completion
	 */
	Mono<Void> succeeded(String clientAddress, String number) {
		return this.db.sql("""
				delete from lookup_attempt
				where (scope = :client and key = :clientKey and paired_key = :orderKey)
					or (scope = :order and key = :orderKey and paired_key = :clientKey)
				""")
			.bind("client", CLIENT)
			.bind("clientKey", clientKey(clientAddress))
			.bind("order", ORDER)
			.bind("orderKey", number)
			.then();
	}

	/**
	 * The key an order number's attempts are counted under: the number as the customer
	 * typed it, without surrounding spaces and in lower case, as it is looked up.
	 * @param number the number as entered, well-formed
	 * @return the key
	 */
	static String numberKey(String number) {
		return number.strip().toLowerCase(Locale.ROOT);
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

}
