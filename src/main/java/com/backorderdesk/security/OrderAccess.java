package com.backorderdesk.security;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which orders this browser may see. A customer has no account and no server session: a
 * matching lookup or a valid signed link grants the browser access to that one order, and
 * the grant travels in a signed cookie, so any instance can check it without a database
 * read of its own.
 *
 * <p>
 * The cookie ({@value #COOKIE}: HttpOnly, SameSite=Lax, Secure over HTTPS) holds a random
 * nonce, an expiry ({@link SessionSettings#customerAccess()}) and, per order, the link
 * revision the order had when access was granted, all signed with a key derived from the
 * shared link secret. A grant counts only while the order still has that revision, which
 * the page reads with the order anyway: staff revoking the customer's links ends every
 * access granted before. Each grant makes a new nonce, so a cookie planted beforehand
 * does not carry over the CSRF tokens derived from it.
 */
@Service
public class OrderAccess {

	/** The cookie's name. */
	public static final String COOKIE = "ORDER_ACCESS";

	private static final String PURPOSE = "access-cookie";

	/** Where the cookie read in this exchange is kept, so it is checked once. */
	private static final String READ = OrderAccess.class.getName() + ".READ";

	/** Bounds what one cookie can hold; the oldest grant goes first. */
	private static final int MAX_ORDERS = 20;

	private static final byte FORMAT = 1;

	static final int NONCE_BYTES = 16;

	/** format, nonce, expiry in epoch seconds; then per order its id and revision. */
	private static final int FIXED_BYTES = 1 + NONCE_BYTES + Long.BYTES;

	private static final int GRANT_BYTES = Long.BYTES + Integer.BYTES;

	private static final SecureRandom random = new SecureRandom();

	private final LinkSecret secret;

	private final Duration ttl;

	private final Clock clock;

	OrderAccess(LinkSecret secret, SessionSettings settings, Clock clock) {
		this.secret = secret;
		this.ttl = settings.customerAccess();
		this.clock = clock;
	}

	/**
	 * Lets this browser see an order, keeping the other orders it may see.
	 * @param exchange the current exchange; its response gets the new cookie
	 * @param orderId the order
	 * @param linkRevision the order's link revision now
	 * @return completion
	 */
	public Mono<Void> grant(ServerWebExchange exchange, long orderId, int linkRevision) {
		return this.secret.key(PURPOSE).doOnNext((key) -> {
			Grants current = read(exchange, key);
			List<Grant> grants = new ArrayList<>((current != null) ? current.grants() : List.of());
			grants.removeIf((grant) -> grant.orderId() == orderId);
			grants.add(new Grant(orderId, linkRevision));
			while (grants.size() > MAX_ORDERS) {
				grants.remove(0);
			}
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Grants granted = new Grants(nonce, this.clock.instant().plus(this.ttl), List.copyOf(grants));
			exchange.getAttributes().put(READ, granted);
			exchange.getResponse()
				.addCookie(ResponseCookie.from(COOKIE, Hmac.seal(granted.bytes(), key))
					.path("/")
					.httpOnly(true)
					.secure(ClientAddress.isHttps(exchange))
					.sameSite("Lax")
					.maxAge(this.ttl)
					.build());
		}).then();
	}

	/**
	 * Tells whether this browser may see an order.
	 * @param exchange the current exchange
	 * @param orderId the order
	 * @param linkRevision the order's link revision now, as read with the order
	 * @return {@code true} when access was granted to this browser at that revision and
	 * has not expired
	 */
	public Mono<Boolean> isGranted(ServerWebExchange exchange, long orderId, int linkRevision) {
		if (exchange.getAttribute(READ) == null && exchange.getRequest().getCookies().getFirst(COOKIE) == null) {
			return Mono.just(false);
		}
		return this.secret.key(PURPOSE).map((key) -> {
			Grants grants = read(exchange, key);
			return grants != null && grants.grants().contains(new Grant(orderId, linkRevision));
		});
	}

	/**
	 * The nonce of this browser's valid cookie, which its CSRF tokens derive from.
	 * @param exchange the current exchange
	 * @return the nonce, or empty when the browser holds no valid cookie
	 */
	Mono<byte[]> nonce(ServerWebExchange exchange) {
		if (exchange.getAttribute(READ) == null && exchange.getRequest().getCookies().getFirst(COOKIE) == null) {
			return Mono.empty();
		}
		return this.secret.key(PURPOSE).mapNotNull((key) -> {
			Grants grants = read(exchange, key);
			return (grants != null) ? grants.nonce() : null;
		});
	}

	private @Nullable Grants read(ServerWebExchange exchange, byte[] key) {
		Object read = exchange.getAttribute(READ);
		if (read instanceof Grants grants) {
			return grants;
		}
		if (read != null) {
			return null;
		}
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
		Grants grants = (cookie != null) ? Grants.parse(Hmac.open(cookie.getValue(), key, 2048)) : null;
		if (grants != null && !this.clock.instant().isBefore(grants.expires())) {
			grants = null;
		}
		exchange.getAttributes().put(READ, (grants != null) ? grants : Boolean.FALSE);
		return grants;
	}

	private record Grant(long orderId, int revision) {
	}

	private record Grants(byte[] nonce, Instant expires, List<Grant> grants) {

		byte[] bytes() {
			ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + GRANT_BYTES * this.grants.size())
				.put(FORMAT)
				.put(this.nonce)
				.putLong(this.expires.getEpochSecond());
			this.grants.forEach((grant) -> buffer.putLong(grant.orderId()).putInt(grant.revision()));
			return buffer.array();
		}

		/** Reads a signed payload; {@code null} for anything not in this format. */
		static @Nullable Grants parse(byte @Nullable [] payload) {
			if (payload == null || payload.length < FIXED_BYTES || payload[0] != FORMAT
					|| (payload.length - FIXED_BYTES) % GRANT_BYTES != 0) {
				return null;
			}
			ByteBuffer buffer = ByteBuffer.wrap(payload, 1, payload.length - 1);
			byte[] nonce = new byte[NONCE_BYTES];
			buffer.get(nonce);
			Instant expires = Instant.ofEpochSecond(buffer.getLong());
			List<Grant> grants = new ArrayList<>();
			while (buffer.hasRemaining()) {
				grants.add(new Grant(buffer.getLong(), buffer.getInt()));
			}
			return new Grants(nonce, expires, List.copyOf(grants));
		}

	}

}
