package com.backorderdesk.timeline;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Order events as server-sent events: ids for replay, names, rendered data, heartbeats.
 */
class SseSupportTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void whenEventsAreStreamedThenEachCarriesItsIdTypeAndRenderedDataInOrder() {
		Flux<OrderEvent> events = Flux.just(event(7, "ETA_CHANGED"), event(9, "STATUS_CHANGED"));
		StepVerifier.create(SseSupport.stream(events, (event) -> Mono.just("<p>" + event.type() + "</p>")))
			.assertNext((sse) -> isEvent(sse, "7", "ETA_CHANGED"))
			.assertNext((sse) -> isEvent(sse, "9", "STATUS_CHANGED"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	private static void isEvent(ServerSentEvent<String> sse, String id, String name) {
		assertThat(sse.id()).isEqualTo(id);
		assertThat(sse.event()).isEqualTo(name);
		assertThat(sse.data()).isEqualTo("<p>" + name + "</p>");
	}

	@Test
	void whenRenderingIsSlowThenEventsStillLeaveInIdOrder() {
		Flux<OrderEvent> events = Flux.just(event(1, "SLOW"), event(2, "FAST"));
		StepVerifier.create(
				SseSupport
					.stream(events,
							(event) -> Mono.just(event.type())
								.delayElement(Duration.ofMillis(event.id() == 1 ? 100 : 0)))
					.map(ServerSentEvent::id))
			.expectNext("1", "2")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void whenStreamIsQuietThenHeartbeatCommentsKeepItOpen() {
		StepVerifier
			.withVirtualTime(() -> SseSupport.stream(Flux.<OrderEvent>never(), (event) -> Mono.just(event.type())))
			.expectSubscription()
			.expectNoEvent(SseSupport.HEARTBEAT.minusMillis(1))
			.thenAwait(Duration.ofMillis(1))
			.assertNext((sse) -> {
				assertThat(sse.comment()).isEqualTo("heartbeat");
				assertThat(sse.data()).isNull();
			})
			.thenAwait(SseSupport.HEARTBEAT)
			.expectNextCount(1)
			.thenCancel()
			.verify(TIMEOUT);
	}

	@Test
	void whenHeartbeatIsLongerThanProxiesWaitThenItIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SseSupport.stream(Flux.empty(), (event) -> Mono.just(""), Duration.ofSeconds(21)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SseSupport.stream(Flux.empty(), (event) -> Mono.just(""), Duration.ZERO));
	}

	private static OrderEvent event(long id, String type) {
		return new OrderEvent(id, 1, type, new TestEvents.Noted(type), Instant.EPOCH, "test");
	}

}
