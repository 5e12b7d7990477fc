package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * CSRF tokens that every instance can check without storing anything: a token is the HMAC
 * of what binds it to one browser (the staff session's id, or the nonce in the customer's
 * signed access cookie) under a key derived from the shared secret. This is OWASP's
 * HMAC-based synchronizer token: an attacker can neither read the binding (HttpOnly
 * cookies) nor sign one.
 *
 * <p>
 * A browser with nothing to bind to (no session, no access cookie) gets no token, and
 * sets no cookie by asking for a page: the forms it can post (the staff login, the order
 * lookup) create that binding and are guarded by {@link SameOriginForms} instead; the
 * other anonymous forms act on nothing the browser holds.
 *
 * <p>
 * Tokens are computed, and masked against BREACH, only when a page renders a form.
 */
final class SignedCsrfTokens implements ServerCsrfTokenRepository {

	private static final String PURPOSE = "csrf";

	private final LinkSecret secret;

	private final String scope;

	private final Function<ServerWebExchange, Mono<byte[]>> binding;

	private SignedCsrfTokens(LinkSecret secret, String scope, Function<ServerWebExchange, Mono<byte[]>> binding) {
		this.secret = secret;
		this.scope = scope;
		this.binding = binding;
	}

	/**
	 * Tokens bound to the staff session cookie.
	 * @param secret the shared secret
	 * @return the repository
	 */
	static SignedCsrfTokens staff(LinkSecret secret) {
		return new SignedCsrfTokens(secret, "staff", (exchange) -> {
			HttpCookie session = exchange.getRequest().getCookies().getFirst(SessionConfiguration.COOKIE);
			return (session != null) ? Mono.just(session.getValue().getBytes(StandardCharsets.US_ASCII)) : Mono.empty();
		});
	}

	/**
	 * Tokens bound to the customer's access cookie.
	 * @param secret the shared secret
	 * @param access the customer's order access
	 * @return the repository
	 */
	static SignedCsrfTokens customers(LinkSecret secret, OrderAccess access) {
		return new SignedCsrfTokens(secret, "customer", access::nonce);
	}

	@Override
	public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
		return loadToken(exchange);
	}

	@Override
	public Mono<Void> saveToken(ServerWebExchange exchange, @Nullable CsrfToken token) {
		return Mono.empty();
	}

	@Override
	public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
		return this.binding.apply(exchange)
			.zipWith(this.secret.key(PURPOSE))
			.map((bound) -> new LazyToken(() -> Hmac.ENCODER.encodeToString(
					Hmac.sign(bound.getT2(), concat(this.scope.getBytes(StandardCharsets.US_ASCII), bound.getT1())))));
	}

	private static byte[] concat(byte[] scope, byte[] binding) {
		byte[] bytes = new byte[scope.length + 1 + binding.length];
		System.arraycopy(scope, 0, bytes, 0, scope.length);
		bytes[scope.length] = ':';
		System.arraycopy(binding, 0, bytes, scope.length + 1, binding.length);
		return bytes;
	}

	/**
	 * Puts the token where forms find it, masked per response (as Spring Security's
	 * default does, against BREACH) only when a form asks for it; reads it from forms,
	 * multipart ones too.
	 */
	static final class MaskedTokens extends ServerCsrfTokenRequestAttributeHandler {

		private static final SecureRandom random = new SecureRandom();

		private final XorServerCsrfTokenRequestAttributeHandler unmasking = new XorServerCsrfTokenRequestAttributeHandler();

		MaskedTokens() {
			setTokenFromMultipartDataEnabled(true);
			this.unmasking.setTokenFromMultipartDataEnabled(true);
		}

		@Override
		public void handle(ServerWebExchange exchange, Mono<CsrfToken> csrfToken) {
			super.handle(exchange,
					csrfToken.<CsrfToken>map((token) -> new LazyToken(() -> mask(token.getToken()))).cache());
		}

		@Override
		public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken csrfToken) {
			return this.unmasking.resolveCsrfTokenValue(exchange, csrfToken);
		}

		/** The format Spring Security unmasks: random bytes, then the token XOR them. */
		static String mask(String token) {
			byte[] tokenBytes = token.getBytes(StandardCharsets.UTF_8);
			byte[] combined = new byte[tokenBytes.length * 2];
			byte[] pad = new byte[tokenBytes.length];
			random.nextBytes(pad);
			for (int i = 0; i < tokenBytes.length; i++) {
				combined[i] = pad[i];
				combined[tokenBytes.length + i] = (byte) (pad[i] ^ tokenBytes[i]);
			}
			return Base64.getUrlEncoder().encodeToString(combined);
		}

	}

	/** A token whose value is computed on first use. */
	static final class LazyToken implements CsrfToken {

		private final Supplier<String> value;

		private volatile @Nullable String token;

		LazyToken(Supplier<String> value) {
			this.value = value;
		}

		@Override
		public String getHeaderName() {
			return "X-CSRF-TOKEN";
		}

		@Override
		public String getParameterName() {
			return "_csrf";
		}

		@Override
		public String getToken() {
			String known = this.token;
			if (known == null) {
				known = this.value.get();
				this.token = known;
			}
			return known;
		}

	}

}
