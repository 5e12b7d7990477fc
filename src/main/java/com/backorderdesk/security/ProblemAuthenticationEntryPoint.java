package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a missing or wrong API key with 401 and a problem+json body.
 */
class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	private static final byte[] BODY = """
			{"type":"about:blank","title":"Unauthorized","status":401,\
			"detail":"Send a valid API key as 'Authorization: Bearer <key>'"}""".getBytes(StandardCharsets.UTF_8);

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.UNAUTHORIZED);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"backorder-desk\"");
		DataBuffer buffer = response.bufferFactory().wrap(BODY);
		return response.writeWith(Mono.just(buffer));
	}

}
