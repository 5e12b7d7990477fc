package com.backorderdesk.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerRedirectStrategy;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the staff chain answers when a login fails or a role is missing.
 */
final class StaffSecurity {

	private static final ServerRedirectStrategy redirects = new DefaultServerRedirectStrategy();

	private static final String FORBIDDEN_PAGE = """
			<!DOCTYPE html>
			<html lang="en"><head><meta charset="utf-8"><title>Not allowed · Backorder Desk staff</title>
			<link rel="stylesheet" href="/css/staff.css"></head>
			<body class="staff"><main id="main" class="staff-main"><h1>Not allowed</h1>
			<p>Your role does not include this page. Ask an admin if you need it.</p>
			<p><a href="/staff">Back to the dashboard</a></p></main></body></html>
			""";

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

	static Mono<Void> accessDenied(ServerWebExchange exchange, AccessDeniedException ex) {
		var response = exchange.getResponse();
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.TEXT_HTML);
		byte[] body = FORBIDDEN_PAGE.getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
