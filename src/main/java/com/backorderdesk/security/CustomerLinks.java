package com.backorderdesk.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.NotFoundException;
import com.backorderdesk.orders.OrderService;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Links that open one order without a login, for e-mails and staff to send.
 *
 * <p>
 * A token is {@code base64url(payload) "." base64url(HMAC-SHA256(payload))}; the payload
 * binds the order id, the purpose, the expiry and the order's link revision. The revision
 * lives on the order (the orders module moves it on), so incrementing it revokes every
 * link sent so far without storing a single token.
 */
@Service
public class CustomerLinks {

	/** Opens the order's status page. */
	public static final String VIEW = "VIEW";

	private static final String PATH = "/o/";

	private static final byte FORMAT = 1;

	private static final Pattern PURPOSE = Pattern.compile("[A-Z][A-Z_]{0,31}");

	/** format, order id, revision, expiry in epoch seconds, then the purpose. */
	private static final int FIXED_BYTES = 1 + Long.BYTES + Integer.BYTES + Long.BYTES;

	private final DatabaseClient db;

	private final OrderService orders;

	private final LinkSecret secret;

	private final LinkSettings settings;

	private final Clock clock;

	CustomerLinks(DatabaseClient db, OrderService orders, LinkSecret secret, LinkSettings settings, Clock clock) {
		this.db = db;
		this.orders = orders;
		this.secret = secret;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Signs a link to an order.
	 * @param orderId the order
	 * @param purpose what the link is for, such as {@link #VIEW}
	 * @return the link's absolute path, {@code /o/<token>}
	 */
	public Mono<String> linkFor(long orderId, String purpose) {
		if (!PURPOSE.matcher(purpose).matches()) {
			return Mono.error(new IllegalArgumentException("Purpose must match " + PURPOSE + ", was " + purpose));
		}
		Instant expires = this.clock.instant().plus(this.settings.ttl());
		return revision(orderId)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("orderId", "No order with id " + orderId)))
			.zipWith(this.secret.key())
			.map((found) -> PATH + token(orderId, found.getT1(), expires, purpose, found.getT2()));
	}

	/**
	 * Signs links to many orders with one query, for e-mail sent in batches.
	 * @param orderIds the orders
	 * @param purpose what the links are for, such as {@link #VIEW}
	 * @return each order's link path, {@code /o/<token>}; orders that do not exist are
	 * left out
	 */
	public Mono<Map<Long, String>> linksFor(Collection<Long> orderIds, String purpose) {
		if (!PURPOSE.matcher(purpose).matches()) {
			return Mono.error(new IllegalArgumentException("Purpose must match " + PURPOSE + ", was " + purpose));
		}
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Instant expires = this.clock.instant().plus(this.settings.ttl());
		return this.secret.key()
			.flatMap((key) -> this.db.sql("select id, link_revision from customer_order where id = any(:ids)")
				.bind("ids", orderIds.toArray(Long[]::new))
				.map((row) -> {
					long orderId = row.get("id", Long.class);
					return Map.entry(orderId,
							PATH + token(orderId, row.get("link_revision", Integer.class), expires, purpose, key));
				})
				.all()
				.collectMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/**
	 * Revokes every link of an order sent so far, and every access opened with one or by
	 * a lookup, live streams included (on every instance, once committed); links signed
	 * afterwards work.
	 * @param orderId the order
	 * @param actor who revokes them, for the order's timeline ({@code timeline.Actors})
	 * @return completion, or an error with {@link NotFoundException} when the order does
	 * not exist
	 */
	public Mono<Void> revokeAll(long orderId, String actor) {
		return this.orders.nextLinkRevision(orderId, actor)
			.filter(Boolean::booleanValue)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("orderId", "No order with id " + orderId)))
			.then();
	}

	/**
	 * Checks a token from a link.
	 * @param token the part after {@code /o/}
	 * @param purpose the purpose the caller serves; a link for another purpose is invalid
	 * @return what the link is
	 */
	public Mono<LinkCheck> verify(String token, String purpose) {
		return this.secret.key().flatMap((key) -> {
			Payload payload = Payload.parse(token, key);
			if (payload == null || !payload.purpose().equals(purpose)) {
				return Mono.just(LinkCheck.invalid(LinkCheck.Outcome.INVALID));
			}
			if (!this.clock.instant().isBefore(payload.expires())) {
				return Mono.just(LinkCheck.invalid(LinkCheck.Outcome.EXPIRED));
			}
			return this.db.sql("select number, link_revision from customer_order where id = :id")
				.bind("id", payload.orderId())
				.map((row) -> (row.get("link_revision", Integer.class) == payload.revision())
						? LinkCheck.valid(payload.orderId(), row.get("number", String.class), payload.revision())
						: LinkCheck.invalid(LinkCheck.Outcome.REVOKED))
				.one()
				.defaultIfEmpty(LinkCheck.invalid(LinkCheck.Outcome.INVALID));
		});
	}

	private Mono<Integer> revision(long orderId) {
		return this.db.sql("select link_revision from customer_order where id = :id")
			.bind("id", orderId)
			.map((row) -> row.get(0, Integer.class))
			.one();
	}

	static String token(long orderId, int revision, Instant expires, String purpose, byte[] key) {
		byte[] purposeBytes = purpose.getBytes(StandardCharsets.US_ASCII);
		byte[] payload = ByteBuffer.allocate(FIXED_BYTES + purposeBytes.length)
			.put(FORMAT)
			.putLong(orderId)
			.putInt(revision)
			.putLong(expires.getEpochSecond())
			.put(purposeBytes)
			.array();
		return Hmac.seal(payload, key);
	}

	private record Payload(long orderId, int revision, Instant expires, String purpose) {

		/**
		 * Reads a token whose signature checks out.
		 * @return the payload, or {@code null} for anything we did not sign
		 */
		static @Nullable Payload parse(String token, byte[] key) {
			byte[] payload = Hmac.open(token, key, 512);
			if (payload == null || payload.length <= FIXED_BYTES || payload[0] != FORMAT) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.wrap(payload, 1, payload.length - 1);
			long orderId = buffer.getLong();
			int revision = buffer.getInt();
			Instant expires = Instant.ofEpochSecond(buffer.getLong());
			String purpose = new String(payload, FIXED_BYTES, payload.length - FIXED_BYTES, StandardCharsets.US_ASCII);
			return new Payload(orderId, revision, expires, purpose);
		}

	}

}
