package com.backorderdesk.timeline;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.Compression;
import org.springframework.boot.web.server.WebServer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * Event streams reach the browser unbuffered, uncached and uncompressed; other responses
 * are left alone.
 */
class EventStreamResponsesTests {

	private static final String TEXT = "Backorder Desk ".repeat(200);

	private final EventStreamResponses responses = new EventStreamResponses();

	private final RouterFunction<ServerResponse> routes = RouterFunctions
		.route(GET("/events"),
				(request) -> ServerResponse.ok()
					.contentType(MediaType.TEXT_EVENT_STREAM)
					.body(Flux.just(ServerSentEvent.builder(TEXT).id("1").build()), ServerSentEvent.class))
		.andRoute(GET("/text"), (request) -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(TEXT));

	@Test
	void whenResponseIsAnEventStreamThenProxiesAndCachesAreToldNotToKeepIt() {
		WebTestClient client = WebTestClient.bindToRouterFunction(this.routes)
			.webFilter(this.responses.eventStreamHeaders())
			.build();
		client.get()
			.uri("/events")
			.exchange()
			.expectHeader()
			.valueEquals("X-Accel-Buffering", "no")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");
		client.get()
			.uri("/text")
			.exchange()
			.expectHeader()
			.doesNotExist("X-Accel-Buffering")
			.expectHeader()
			.doesNotExist(HttpHeaders.CACHE_CONTROL);
	}

	@Test
	void whenCompressionCoversEventStreamsThenTheyAreStillSentUncompressed() {
		Compression compression = new Compression();
		compression.setEnabled(true);
		compression.setMimeTypes(new String[] { "text/plain", "text/event-stream" });
		compression.setMinResponseSize(DataSize.ofBytes(0));
		NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(0);
		factory.setCompression(compression);
		factory.addServerCustomizers(this.responses.eventStreamsUncompressed());
		WebServer server = factory.getWebServer(RouterFunctions.toHttpHandler(this.routes));
		server.start();
		try {
			// a client that does not decompress, so that the encoding is seen as sent;
			// the
			// first requests to a new server may be slow on a loaded box
			WebTestClient client = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()))
				.baseUrl("http://localhost:" + server.getPort())
				.responseTimeout(Duration.ofSeconds(30))
				.build();
			client.get()
				.uri("/text")
				.header(HttpHeaders.ACCEPT_ENCODING, "gzip")
				.exchange()
				.expectHeader()
				.valueEquals(HttpHeaders.CONTENT_ENCODING, "gzip")
				.expectBody()
				.returnResult();
			client.get()
				.uri("/events")
				.header(HttpHeaders.ACCEPT_ENCODING, "gzip")
				.exchange()
				.expectHeader()
				.doesNotExist(HttpHeaders.CONTENT_ENCODING)
				.expectBody(String.class)
				.value((body) -> assertThat(body).contains("id:1").contains(TEXT));
		}
		finally {
			server.stop();
		}
	}

}
