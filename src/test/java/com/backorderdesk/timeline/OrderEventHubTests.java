package com.backorderdesk.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.r2dbc.spi.Readable;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

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

	@Test
	void whenNoFeedWantsAnOrdersEventsThenTheyAreNotReadFromJsonAndListenersStillHearOfThem() {
		this.hub.start(0);
		CountingCodec codec = new CountingCodec();
		List<List<OrderEvent>> heard = new ArrayList<>();
		this.hub.listen(new OrderEventHub.Listener() {

			@Override
			public void published(List<OrderEvent> events) {
				heard.add(events);
			}

			@Override
			public void closed() {
			}

		});
		OrderEventHub.Feed followed = this.hub.openOrder(1, 10);
		StepVerifier.create(this.hub.batches())
			.then(() -> this.hub.publishRead(List.of(read(1, 1, codec), read(2, 2, codec), read(3, 1, codec))))
			.expectNext(3L)
			.then(this.hub::close)
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(followed.events().map(OrderEvent::event))
			.expectNext(new TestEvents.Noted("event 1"), new TestEvents.Noted("event 3"))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(codec.reads).isEqualTo(2);
		assertThat(heard).hasSize(1);
		assertThat(heard.get(0)).extracting(OrderEvent::id).containsExactly(1L, 2L, 3L);
		assertThat(heard.get(0)).extracting(OrderEvent::orderId).containsExactly(1L, 2L, 1L);
		assertThat(heard.get(0).get(1).event()).isEqualTo(new UnknownEvent("TEST_EVENT"));
		assertThat(heard.get(0).get(2).event()).isEqualTo(new TestEvents.Noted("event 3"));
	}

	@Test
	void whenSomeoneFollowsAllOrdersThenEveryEventIsReadOnce() {
		this.hub.start(0);
		CountingCodec codec = new CountingCodec();
		OrderEventHub.Feed all = this.hub.openAll(10);
		OrderEventHub.Feed followed = this.hub.openOrder(2, 10);
		this.hub.publishRead(List.of(read(1, 1, codec), read(2, 2, codec)));
		this.hub.close();
		StepVerifier.create(all.events().map(OrderEvent::event))
			.expectNext(new TestEvents.Noted("event 1"), new TestEvents.Noted("event 2"))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(followed.events().map(OrderEvent::id)).expectNext(2L).expectComplete().verify(TIMEOUT);
		assertThat(codec.reads).isEqualTo(2);
	}

	private static ReadEvent read(long id, long orderId, OrderEventCodec codec) {
		Map<String, Object> row = Map.of("id", id, "order_id", orderId, "type", "TEST_EVENT", "payload",
				"{\"note\":\"event " + id + "\"}", "occurred_at", Instant.EPOCH, "actor", "test");
		return ReadEvent.of(new Readable() {

			@Override
			public <T> T get(int index, Class<T> type) {
				throw new UnsupportedOperationException();
			}

			@Override
			public <T> T get(String name, Class<T> type) {
				return type.cast(row.get(name));
			}

		}, codec);
	}

	/** Counts the events it reads from JSON. */
	private static final class CountingCodec extends OrderEventCodec {

		private int reads;

		CountingCodec() {
			super(JsonMapper.builder().build(), List.of(new TestEvents()));
		}

		@Override
		TimelineEvent read(String type, String payload) {
			this.reads++;
			return super.read(type, payload);
		}

	}

	private static OrderEvent event(long id, long orderId) {
		return new OrderEvent(id, orderId, "TEST_EVENT", new TestEvents.Noted("hub"), Instant.EPOCH, "test");
	}

}
