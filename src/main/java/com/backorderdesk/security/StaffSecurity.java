package com.backorderdesk.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the portals' chains answer when a login fails, a role or a CSRF token is missing,
 * or nothing is mapped: the portal's own error pages, never a browser's login box.
 */
final class StaffSecurity {

	private static final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

	private StaffSecurity() {
	}

	/**
	 * Back to the login page: with how long to wait when the attempt was throttled, else
	 * with the one message every other failure gets.
	 */
	static Mono<Void> loginFailed(WebFilterExchange exchange, AuthenticationException ex) {
		String query = (ex instanceof StaffAuthenticationManager.LoginThrottledException throttled)
				? "wait=" + Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000) : "error";
		return redirects.sendRedirect(exchange.getExchange(), StaffLogin.page(query));
	}

	/**
	 * A missing role, or a form without a valid CSRF token: the portal's 403 page (the
	 * error handler tells the two apart by the cause).
	 */
	static Mono<Void> accessDenied(ServerWebExchange exchange, AccessDeniedException ex) {
		return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, null, ex));
	}

	/**
	 * An address no page of the portal has: its 404 page, never a login box. Customers
	 * have no login, so a request the customer chain does not permit is for a page that
	 * does not exist.
	 */
	static Mono<Void> notFound(ServerWebExchange exchange, AuthenticationException ex) {
		return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
