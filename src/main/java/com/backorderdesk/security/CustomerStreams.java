package com.backorderdesk.security;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the customer portal's filter chain gives a request, for a customer's live order
 * stream that is served before that chain (so an idle stream holds none of its
 * operators): the CSRF token its forms carry, and the portal's security headers. The
 * rules stay where they are: the token comes from the same {@link SignedCsrfTokens},
 * masked as {@link SignedCsrfTokens.MaskedTokens} masks it, the headers from the same
 * {@link SecurityHeaders}; access to the order is checked by {@link OrderAccess}, as for
 * the page.
 */
@Component
public class CustomerStreams {

	private final SignedCsrfTokens tokens;

	CustomerStreams(LinkSecret secret, OrderAccess access) {
		this.tokens = SignedCsrfTokens.customers(secret, access);
	}

	/**
	 * This browser's CSRF token, masked as on the pages.
	 * @param exchange the stream's request; its {@link OrderAccess#COOKIE} binds the
	 * token
	 * @return the token, or empty when the browser holds no valid access cookie
	 */
	public Mono<String> csrfToken(ServerWebExchange exchange) {
		return this.tokens.loadToken(exchange).map((token) -> SignedCsrfTokens.MaskedTokens.mask(token.getToken()));
	}

	/**
	 * Writes the portal's security headers on the response, keeping those set already (an
	 * event stream's {@code Cache-Control}); HSTS when the request came over HTTPS.
	 * @param exchange the stream's request and response, its forwarded headers applied
	 */
	public void writeHeaders(ServerWebExchange exchange) {
		SecurityHeaders.PORTAL.writeHttpHeaders(exchange);
	}

}
