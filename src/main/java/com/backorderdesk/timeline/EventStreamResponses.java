package com.backorderdesk.timeline;

import java.util.function.BiPredicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.server.WebFilter;

/**
 * Makes {@code text/event-stream} responses arrive event by event: every event must reach
 * the browser when it is written, not when a buffer somewhere fills up.
 */
@Configuration(proxyBeanMethods = false)
class EventStreamResponses {

	/**
	 * Tells nginx not to buffer the stream and caches not to keep it. Set just before the
	 * response is committed, when its content type is known, and over whatever headers
	 * other filters wrote.
	 */
	@Bean
	WebFilter eventStreamHeaders() {
		return (exchange, chain) -> {
			exchange.getResponse().beforeCommit(() -> {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				if (isEventStream(headers.getFirst(HttpHeaders.CONTENT_TYPE))) {
					unbuffered(headers);
				}
				return Mono.empty();
			});
			return chain.filter(exchange);
		};
	}

	/**
	 * Sets the headers of an event stream that no proxy may buffer and no cache keep.
	 * @param headers the response's headers
	 */
	static void unbuffered(HttpHeaders headers) {
		headers.set("X-Accel-Buffering", "no");
		headers.setCacheControl("no-cache");
	}

	/**
	 * Keeps compression off event streams even when {@code server.compression} is enabled
	 * and lists their media type: a compressor holds back output until it has enough to
	 * compress. Boot applies its compression settings before customizers run, so this
	 * narrows the predicate they set.
	 */
	@Bean
	NettyServerCustomizer eventStreamsUncompressed() {
		return (server) -> {
			BiPredicate<HttpServerRequest, HttpServerResponse> compress = server.configuration().compressPredicate();
			if (compress == null && server.configuration().minCompressionSize() < 0) {
				return server;
			}
			BiPredicate<HttpServerRequest, HttpServerResponse> configured = (compress != null) ? compress
					: (request, response) -> true;
			return server.compress(
					(request, response) -> !isEventStream(response.responseHeaders().get(HttpHeaders.CONTENT_TYPE))
							&& configured.test(request, response));
		};
	}

	private static boolean isEventStream(@Nullable String contentType) {
		return contentType != null
				&& MediaType.TEXT_EVENT_STREAM.isCompatibleWith(MediaType.parseMediaType(contentType));
	}

}
