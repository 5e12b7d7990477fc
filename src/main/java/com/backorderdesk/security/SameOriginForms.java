package com.backorderdesk.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses a cross-site post of the forms that create what CSRF tokens bind to (the staff
 * login, the order lookup): before them a browser holds nothing to bind a token to, and
 * setting a cookie on every visit of the form's page to make one would cost more than it
 * protects. Browsers say where a post comes from ({@code Sec-Fetch-Site}, else
 * {@code Origin}); a request that says neither is not a browser's and cannot be forged by
 * a page.
 */
final class SameOriginForms implements WebFilter {

	private static final byte[] BODY = "Forms are accepted from this site only.\n".getBytes(StandardCharsets.UTF_8);

	private final ServerWebExchangeMatcher forms;

	SameOriginForms(String... paths) {
		this.forms = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, paths);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.forms.matches(exchange).flatMap((match) -> {
			if (!match.isMatch() || isSameOrigin(exchange)) {
				return chain.filter(exchange);
			}
			ServerHttpResponse response = exchange.getResponse();
			response.setStatusCode(HttpStatus.FORBIDDEN);
			response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(BODY)));
		});
	}

	static boolean isSameOrigin(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		String site = headers.getFirst("Sec-Fetch-Site");
		if (site != null) {
			return "same-origin".equals(site) || "none".equals(site);
		}
		String origin = headers.getOrigin();
		return origin == null || origin(origin).equals(origin(exchange.getRequest().getURI().toString()));
	}

	private static String origin(@Nullable String url) {
		try {
			URI uri = URI.create((url != null) ? url : "");
			int port = uri.getPort();
			if (port < 0) {
				port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			}
			return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(java.util.Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return "invalid";
		}
	}

}
