package com.backorderdesk.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each subscriber is served from its own buffer: a slow one never holds up the others.
 */
class OrderEventHubTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final OrderEventHub hub = new OrderEventHub();

	@Test
	void whenSubscriberStopsReadingThenOthersGetEverythingAndItIsEndedToReplayLater() {
		this.hub.start(0);
		OrderEventHub.Feed slow = this.hub.openOrder(1, 3);
		OrderEventHub.Feed fast = this.hub.openOrder(1, 3);
		StepVerifier.FirstStep<OrderEvent> stalled = StepVerifier.create(slow.events(), 0);
		StepVerifier.Step<Long> reading = StepVerifier.create(fast.events().map(OrderEvent::id))
			.then(() -> LongStream.rangeClosed(1, 5).forEach((id) -> this.hub.publish(event(id, 1))))
			.expectNext(1L, 2L, 3L, 4L, 5L);
		reading.thenCancel().verify(TIMEOUT);
		stalled.thenRequest(3)
			.expectNextCount(3)
			.expectError(OrderEventHub.SubscriberTooSlowException.class)
			.verify(TIMEOUT);
		assertThat(this.hub.published()).isEqualTo(5);
		assertThat(this.hub.openFeeds()).isZero();
	}

	@Test
	void whenEventIsPublishedThenOnlyFollowersOfItsOrderAndSubscribersToAllGetIt() {
		this.hub.start(0);
		OrderEventHub.Feed all = this.hub.openAll(10);
		OrderEventHub.Feed first = this.hub.openOrder(1, 10);
		OrderEventHub.Feed second = this.hub.openOrder(2, 10);
		this.hub.publish(event(1, 1));
		this.hub.publish(event(2, 2));
		this.hub.close();
		StepVerifier.create(all.events().map(OrderEvent::id)).expectNext(1L, 2L).expectComplete().verify(TIMEOUT);
		StepVerifier.create(first.events().map(OrderEvent::id)).expectNext(1L).expectComplete().verify(TIMEOUT);
		StepVerifier.create(second.events().map(OrderEvent::id)).expectNext(2L).expectComplete().verify(TIMEOUT);
		assertThat(this.hub.openFeeds()).isZero();
	}

	private static OrderEvent event(long id, long orderId) {
		return new OrderEvent(id, orderId, "TEST_EVENT", new TestEvents.Noted("hub"), Instant.EPOCH, "test");
	}

}
