package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request the firewall rejects (encoded NUL, path traversal, control characters
 * in a query parameter) with 400 instead of an empty response: a problem body on the API,
 * the portal's error page elsewhere.
 */
class ProblemExchangeRejectedHandler implements ServerExchangeRejectedHandler {

	private static final byte[] BODY = """
			{"type":"about:blank","title":"Bad Request","status":400,"detail":"The request URL is not allowed: it holds characters no address of ours takes"}"""
		.getBytes(StandardCharsets.UTF_8);

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
			// people get the portal's 400 page
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, null, ex));
		}
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.BAD_REQUEST);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(BODY)));
	}

}
