package com.backorderdesk.security;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.savedrequest.CookieServerRequestCache;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.web.server.ServerWebExchange;

/**
 * Remembers the staff page asked for before the login in a cookie, so that visiting a
 * staff page logged out creates no session. Spring Security's cookie cache clears its
 * cookie on every request; this one only when the browser sent it, so other responses set
 * no cookie at all.
 */
final class SavedRequestCookie implements ServerRequestCache {

	private static final String COOKIE = "REDIRECT_URI";

	private final CookieServerRequestCache cookies = new CookieServerRequestCache();

	SavedRequestCookie() {
		this.cookies.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
	}

	@Override
	public Mono<Void> saveRequest(ServerWebExchange exchange) {
		return this.cookies.saveRequest(exchange);
	}

	@Override
	public Mono<URI> getRedirectUri(ServerWebExchange exchange) {
		return hasCookie(exchange) ? this.cookies.getRedirectUri(exchange) : Mono.empty();
	}

	@Override
	public Mono<ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
		return hasCookie(exchange) ? this.cookies.removeMatchingRequest(exchange) : Mono.empty();
	}

	private static boolean hasCookie(ServerWebExchange exchange) {
		return exchange.getRequest().getCookies().getFirst(COOKIE) != null;
	}

}
