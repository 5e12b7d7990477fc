package com.backorderdesk.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The cookie that marks a browser as one a username logged in from: signed, HttpOnly,
 * SameSite=Strict, sent only to the login form. {@link LoginThrottle} counts failures of
 * such a browser on their own.
 */
@Component
class TrustedDevices {

	static final String COOKIE = "STAFF_DEVICE";

	private static final String PATH = "/staff/login";

	private static final String PURPOSE = "staff-device";

	private static final byte FORMAT = 1;

	private static final int ID_BYTES = 16;

	/** format, issued (epoch seconds), device id, then the username. */
	private static final int FIXED_BYTES = 1 + Long.BYTES + ID_BYTES;

	private static final SecureRandom random = new SecureRandom();

	private final LinkSecret secret;

	private final StaffSettings settings;

	private final Clock clock;

	TrustedDevices(LinkSecret secret, StaffSettings settings, Clock clock) {
		this.secret = secret;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The device id this browser holds for a username.
	 * @param exchange the login request
	 * @param username the username as typed
	 * @return the id, or empty when the browser is not a trusted device of that username
	 */
	Mono<String> deviceOf(ServerWebExchange exchange, String username) {
		HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
		if (cookie == null) {
			return Mono.empty();
		}
		return this.secret.key(PURPOSE).mapNotNull((key) -> device(cookie.getValue(), key, username));
	}

	/**
	 * Marks this browser as a trusted device of a username, keeping its device id when it
	 * already was one.
	 * @param exchange the successful login's exchange
	 * @param attempt the attempt that succeeded
	 * @return completion
	 */
	Mono<Void> trust(ServerWebExchange exchange, LoginAttempt attempt) {
		return this.secret.key(PURPOSE).doOnNext((key) -> {
			byte[] id = (attempt.device() != null) ? HexFormat.of().parseHex(attempt.device()) : newId();
			byte[] name = attempt.username().getBytes(StandardCharsets.UTF_8);
			byte[] payload = ByteBuffer.allocate(FIXED_BYTES + name.length)
				.put(FORMAT)
				.putLong(this.clock.instant().getEpochSecond())
				.put(id)
				.put(name)
				.array();
			exchange.getResponse()
				.addCookie(ResponseCookie.from(COOKIE, Hmac.seal(payload, key))
					.path(PATH)
					.httpOnly(true)
					.secure(ClientAddress.isHttps(exchange))
					.sameSite("Strict")
					.maxAge(this.settings.deviceTtl())
					.build());
		}).then();
	}

	private @Nullable String device(String value, byte[] key, String username) {
		byte[] payload = Hmac.open(value, key, 400);
		if (payload == null || payload.length <= FIXED_BYTES || payload[0] != FORMAT) {
			return null;
		}
		ByteBuffer buffer = ByteBuffer.wrap(payload, 1, payload.length - 1);
		Instant issued = Instant.ofEpochSecond(buffer.getLong());
		byte[] id = new byte[ID_BYTES];
		buffer.get(id);
		String name = new String(payload, FIXED_BYTES, payload.length - FIXED_BYTES, StandardCharsets.UTF_8);
		boolean current = this.clock.instant().isBefore(issued.plus(this.settings.deviceTtl()));
		return (current && name.equals(LoginAttempt.of(username, "", null).username())) ? HexFormat.of().formatHex(id)
				: null;
	}

	private static byte[] newId() {
		byte[] id = new byte[ID_BYTES];
		random.nextBytes(id);
		return id;
	}

}
