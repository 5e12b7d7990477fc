package com.backorderdesk.timeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Committed events reach live subscribers and followers, once and in order; rolled-back
 * ones never do.
 */
@SpringBootTest
class OrderEventStreamTests {

	private static final Duration QUIET = Duration.ofMillis(300);

	@Autowired
	private OrderEventStream stream;

	@Autowired
	private OrderEventHub hub;

	@Autowired
	private OrderEventLog log;

	@Autowired
	private TransactionalOperator transactions;

	@Autowired
	private ApplicationContext context;

	private Timelines timelines;

	private long orderId;

	@BeforeEach
	void newOrder() {
		this.timelines = new Timelines(this.context);
		this.orderId = this.timelines.newOrder();
		// live() starts with what is committed once the listener is up
		StepVerifier.create(this.hub.started()).expectComplete().verify(Timelines.TIMEOUT);
	}

	@Test
	void whenEventIsCommittedThenLiveSubscribersAndFollowersGetIt() {
		Flux<OrderEvent> live = this.stream.live().filter((event) -> event.orderId() == this.orderId);
		Flux<OrderEvent> followed = this.stream.follow(this.orderId, 0);
		StepVerifier.create(live.take(1).mergeWith(followed.take(1)))
			.then(() -> this.timelines.commit(this.orderId, "ETA_CHANGED"))
			.assertNext(this::isTheCommittedEvent)
			.assertNext(this::isTheCommittedEvent)
			.expectComplete()
			.verify(Timelines.TIMEOUT);
	}

	private void isTheCommittedEvent(OrderEvent event) {
		assertThat(event.orderId()).isEqualTo(this.orderId);
		assertThat(event.type()).isEqualTo("TEST_EVENT");
		assertThat(event.event()).isEqualTo(new TestEvents.Noted("ETA_CHANGED"));
		assertThat(event.actor()).isEqualTo("test");
		assertThat(event.occurredAt()).isNotNull();
	}

	@Test
	void whenEventsOfSeveralOrdersAreAppendedTogetherThenEachIsStoredWithItsRecordInTheOrderGiven() {
		long other = this.timelines.newOrder();
		String quoted = "a \"quoted\" note, a back\\slash, {braces} and, commas";
		List<NewOrderEvent> events = List.of(new NewOrderEvent(this.orderId, new TestEvents.Noted("first"), "test"),
				new NewOrderEvent(other, new TestEvents.Noted(quoted), "someone else"),
				new NewOrderEvent(this.orderId, new TestEvents.Noted("third"), "test"));
		Long last = this.transactions.transactional(this.log.append(events)).block(Timelines.TIMEOUT);
		List<OrderEvent> mine = this.stream.history(this.orderId).block(Timelines.TIMEOUT);
		List<OrderEvent> theirs = this.stream.history(other).block(Timelines.TIMEOUT);
		assertThat(mine).extracting(OrderEventStreamTests::note).containsExactly("first", "third");
		assertThat(theirs).extracting(OrderEventStreamTests::note).containsExactly(quoted);
		assertThat(theirs.get(0).actor()).isEqualTo("someone else");
		assertThat(theirs.get(0).id()).isGreaterThan(mine.get(0).id()).isLessThan(mine.get(1).id());
		assertThat(mine.get(1).id()).isEqualTo(last);
	}

	@Test
	void whenAppendIsRolledBackThenItNeverArrives() {
		StepVerifier.create(this.stream.follow(this.orderId, 0).map(OrderEventStreamTests::note)).then(() -> {
			this.timelines.rollBack(this.orderId, "ROLLED_BACK");
			this.timelines.commit(this.orderId, "COMMITTED");
		}).expectNext("COMMITTED").expectNoEvent(QUIET).thenCancel().verify(Timelines.TIMEOUT);
		assertThat(this.stream.history(this.orderId).block(Timelines.TIMEOUT)).extracting(OrderEventStreamTests::note)
			.containsExactly("COMMITTED");
	}

	@Test
	void whenFollowingFromAnEventThenLaterOnesReplayInOrderThenNewOnesFollowWithoutDuplicate() {
		long first = this.timelines.commit(this.orderId, "FIRST");
		this.timelines.commit(this.orderId, "SECOND");
		this.timelines.commit(this.orderId, "THIRD");
		List<Long> received = new CopyOnWriteArrayList<>();
		StepVerifier.create(this.stream.follow(this.orderId, first).map(OrderEvent::id).doOnNext(received::add))
			// committed while the follower replays: it must come once, after the replay
			.then(() -> this.timelines.commit(this.orderId, "FOURTH"))
			.expectNextCount(3)
			.then(() -> this.timelines.commit(this.orderId, "FIFTH"))
			.expectNextCount(1)
			.expectNoEvent(QUIET)
			.thenCancel()
			.verify(Timelines.TIMEOUT);
		List<Long> stored = this.timelines.ids(this.orderId);
		assertThat(received).containsExactlyElementsOf(stored.subList(1, stored.size())).hasSize(4);
	}

	@Test
	void whenFollowerReconnectsThenChangesMadeWhileAwayAreReplayedInOrderOnce() {
		long seen = this.timelines.commit(this.orderId, "SEEN");
		StepVerifier.create(this.stream.follow(this.orderId, 0).map(OrderEvent::id))
			.expectNext(seen)
			.thenCancel()
			.verify(Timelines.TIMEOUT);
		assertThat(this.hub.openFeeds(this.orderId)).isZero();
		long missedFirst = this.timelines.commit(this.orderId, "MISSED_FIRST");
		long missedSecond = this.timelines.commit(this.orderId, "MISSED_SECOND");
		StepVerifier.create(this.stream.follow(this.orderId, seen).map(OrderEvent::id))
			.expectNext(missedFirst, missedSecond)
			.expectNoEvent(QUIET)
			.thenCancel()
			.verify(Timelines.TIMEOUT);
		assertThat(this.hub.openFeeds(this.orderId)).isZero();
	}

	@Test
	void whenEventStreamClientGoesAwayThenItsSubscriptionIsReleased() {
		long committed = this.timelines.commit(this.orderId, "ETA_CHANGED");
		StepVerifier.create(SseSupport.stream(this.stream.follow(this.orderId, 0), (event) -> Mono.just(note(event))))
			.assertNext((sse) -> assertThat(sse.id()).isEqualTo(Long.toString(committed)))
			.then(() -> assertThat(this.hub.openFeeds(this.orderId)).isEqualTo(1))
			.thenCancel()
			.verify(Timelines.TIMEOUT);
		assertThat(this.hub.openFeeds(this.orderId)).isZero();
	}

	@Test
	void whenManyTransactionsCommitAtOnceThenFollowersGetEveryEventOnceInIdOrder() {
		int count = 120;
		long firstOrder = this.orderId;
		long secondOrder = this.timelines.newOrder();
		Flux<Long> writes = Flux.range(0, count)
			.parallel(8)
			.runOn(Schedulers.boundedElastic())
			.map((i) -> this.timelines.commit((i % 2 == 0) ? firstOrder : secondOrder, "BURST"))
			.sequential();
		Flux<Long> followed = this.stream.follow(firstOrder, 0).map(OrderEvent::id).take(count / 2);
		Flux<Long> joinedLate = Flux.defer(() -> this.stream.follow(secondOrder, 0))
			.delaySubscription(Duration.ofMillis(50))
			.map(OrderEvent::id)
			.take(count / 2);
		var received = Mono.zip(followed.collectList(), joinedLate.collectList(), writes.count())
			.block(Duration.ofSeconds(20));
		assertThat(received.getT3()).isEqualTo(count);
		assertThat(received.getT1()).containsExactlyElementsOf(this.timelines.ids(firstOrder));
		assertThat(received.getT2()).containsExactlyElementsOf(this.timelines.ids(secondOrder));
	}

	@Test
	void whenOrderHasEventsThenHistoryListsThemInIdOrder() {
		List<Long> ids = IntStream.range(0, 3).mapToObj((i) -> this.timelines.commit(this.orderId, "E" + i)).toList();
		StepVerifier.create(this.stream.history(this.orderId))
			.assertNext((history) -> assertThat(history).extracting(OrderEvent::id).containsExactlyElementsOf(ids))
			.expectComplete()
			.verify(Timelines.TIMEOUT);
	}

	private static String note(OrderEvent event) {
		return ((TestEvents.Noted) event.event()).note();
	}

}
