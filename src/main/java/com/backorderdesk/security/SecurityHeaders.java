package com.backorderdesk.security;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ServerHttpHeadersWriter;
import org.springframework.web.server.ServerWebExchange;

/**
 * The security headers of every response, built once: Spring Security's writers would
 * compose the same strings again for each response. A header a handler set itself (a
 * stricter {@code Referrer-Policy}, an event stream's {@code Cache-Control}) is kept.
 * HSTS is sent only when the request came over HTTPS, as the trusted proxy reports it.
 */
final class SecurityHeaders implements ServerHttpHeadersWriter {

	/** Our own scripts, styles and endpoints only: no inline script, no third party. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private static final Map<String, String> COMMON = Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options",
			"DENY", "X-XSS-Protection", "0");

	/** Personal data is never kept by a browser or proxy cache. */
	private static final Map<String, String> NO_CACHE = Map.of(HttpHeaders.CACHE_CONTROL,
			"no-cache, no-store, max-age=0, must-revalidate", HttpHeaders.PRAGMA, "no-cache", HttpHeaders.EXPIRES, "0");

	private static final String HSTS = "max-age=31536000 ; includeSubDomains";

	/** The portals' headers: see {@link #portal()}. */
	static final SecurityHeaders PORTAL = new SecurityHeaders(Map.of("Content-Security-Policy", CONTENT_SECURITY_POLICY,
			"Referrer-Policy", "same-origin", "Permissions-Policy", "camera=(), microphone=(), geolocation=()"));

	private final List<Map.Entry<String, String>> headers;

	private SecurityHeaders(Map<String, String> extra) {
		this.headers = List.copyOf(new java.util.TreeMap<>(merge(COMMON, extra)).entrySet());
	}

	/**
	 * The headers of the portals' pages: those of the API, and a content security policy,
	 * referrer and permissions policies.
	 * @return the filter that writes them
	 */
	static HttpHeaderWriterWebFilter portal() {
		return new HttpHeaderWriterWebFilter(PORTAL);
	}

	/**
	 * The headers of API responses.
	 * @return the filter that writes them
	 */
	static HttpHeaderWriterWebFilter api() {
		return new HttpHeaderWriterWebFilter(new SecurityHeaders(Map.of()));
	}

	@Override
	public Mono<Void> writeHttpHeaders(ServerWebExchange exchange) {
		HttpHeaders response = exchange.getResponse().getHeaders();
		for (Map.Entry<String, String> header : this.headers) {
			if (!response.containsHeader(header.getKey())) {
				response.set(header.getKey(), header.getValue());
			}
		}
		if (!response.containsHeader(HttpHeaders.CACHE_CONTROL) && !response.containsHeader(HttpHeaders.EXPIRES)
				&& !response.containsHeader(HttpHeaders.PRAGMA)) {
			NO_CACHE.forEach(response::set);
		}
		if (ClientAddress.isHttps(exchange) && !response.containsHeader("Strict-Transport-Security")) {
			response.set("Strict-Transport-Security", HSTS);
		}
		return Mono.empty();
	}

	private static Map<String, String> merge(Map<String, String> one, Map<String, String> two) {
		Map<String, String> merged = new java.util.HashMap<>(one);
		merged.putAll(two);
		return merged;
	}

}
