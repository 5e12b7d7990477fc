package com.backorderdesk.timeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Order timelines to read and to follow live.
 *
 * <p>
 * Live events are delivered on a parallel scheduler, never on the thread that reads them
 * from the database, so a subscriber's own work (rendering a fragment, writing to a slow
 * client) holds up only that subscriber. A subscriber that falls too far behind is ended
 * with an error rather than skipping events; following again from the last id it saw
 * replays the rest.
 */
@Service
public class OrderEventStream {

	/** Events a follower of one order may fall behind before it is ended. */
	static final int ORDER_FEED_LIMIT = 1_000;

	/**
	 * The same for a subscriber to all orders: twice the events of the largest change we
	 * design for, a restock shift that moves 10,000 orders.
	 */
	static final int ALL_FEED_LIMIT = 20_000;

	private static final int PREFETCH = 32;

	private final DatabaseClient db;

	private final OrderEventHub hub;

	private final OrderEventCodec codec;

	OrderEventStream(DatabaseClient db, OrderEventHub hub, OrderEventCodec codec) {
		this.db = db;
		this.hub = hub;
		this.codec = codec;
	}

	/**
	 * Every event of every order that this instance reads from the moment of
	 * subscription. Completes when the application shuts down.
	 * @return the events, in id order
	 */
	public Flux<OrderEvent> live() {
		return Flux.defer(() -> {
			OrderEventHub.Feed feed = this.hub.openAll(ALL_FEED_LIMIT);
			return feed.events().doFinally((signal) -> feed.close());
		}).publishOn(Schedulers.parallel(), PREFETCH);
	}

	/**
	 * A signal each time this instance reads a batch of committed events, with the
	 * batch's highest id: for work that only needs to know that something was committed
	 * (the mail dispatcher wakes up), and for which no event is read from its JSON. A
	 * signal may stand for many events, and one that comes while the subscriber has no
	 * demand is dropped: a wake-up, never data. Completes when the application shuts
	 * down.
	 * @return the highest id of each batch
	 */
	public Flux<Long> commits() {
		return this.hub.batches().publishOn(Schedulers.parallel(), PREFETCH);
	}

	/**
	 * An order's events after a given one: first those already stored, then the new ones
	 * as they are committed, in id order, each once. Completes when the application shuts
	 * down.
	 * @param orderId the order
	 * @param afterId the last event the subscriber has seen ({@code Last-Event-ID}), or 0
	 * for all of them
	 * @return the events
	 */
	public Flux<OrderEvent> follow(long orderId, long afterId) {
		return this.hub.started().thenMany(Flux.defer(() -> {
			// open the feed first, then ask how far publishing has got: every event
			// after that id reaches the feed, every one up to it is in the table
			OrderEventHub.Feed feed = this.hub.openOrder(orderId, ORDER_FEED_LIMIT);
			long published = this.hub.published();
			AtomicLong last = new AtomicLong(afterId);
			return replay(orderId, afterId, published).concatWith(feed.events())
				.filter((event) -> last.getAndAccumulate(event.id(), Math::max) < event.id())
				.doFinally((signal) -> feed.close());
		})).publishOn(Schedulers.parallel(), PREFETCH);
	}

	/**
	 * All events of one order.
	 * @param orderId the order
	 * @return the events, in id order
	 */
	public Mono<List<OrderEvent>> history(long orderId) {
		return this.db.sql("select " + OrderEvent.COLUMNS + " from order_event where order_id = :orderId order by id")
			.bind("orderId", orderId)
			.map(this.codec::readRow)
			.all()
			.collectList();
	}

	/**
	 * The first event of one kind an order has, typed.
	 * @param <T> the event's record
	 * @param orderId the order
	 * @param type the event's record, registered with its module's
	 * {@link TimelineEventTypes}
	 * @return the oldest such event of the order; empty when it has none
	 */
	public <T extends TimelineEvent> Mono<T> first(long orderId, Class<T> type) {
		List<String> names = this.codec.names(type);
		if (names.isEmpty()) {
			return Mono.error(new IllegalArgumentException(type.getName() + " is not a registered timeline event"));
		}
		return this.db
			.sql("select " + OrderEvent.COLUMNS
					+ " from order_event where order_id = :orderId and type = any(:types) order by id limit 1")
			.bind("orderId", orderId)
			.bind("types", names.toArray(String[]::new))
			.map(this.codec::readRow)
			.one()
			.map(OrderEvent::event)
			.filter(type::isInstance)
			.map(type::cast);
	}

	/**
	 * The newest events of one order.
	 * @param orderId the order
	 * @param limit how many at most
	 * @return the events, newest first
	 */
	public Mono<List<OrderEvent>> recent(long orderId, int limit) {
		return this.db
			.sql("select " + OrderEvent.COLUMNS
					+ " from order_event where order_id = :orderId order by id desc limit :limit")
			.bind("orderId", orderId)
			.bind("limit", limit)
			.map(this.codec::readRow)
			.all()
			.collectList();
	}

	/**
	 * The newest events of several orders, in one query.
	 * @param orderIds the orders
	 * @param limit how many at most per order
	 * @return the events of each order, newest first; orders without any are absent
	 */
	public Mono<Map<Long, List<OrderEvent>>> recent(Collection<Long> orderIds, int limit) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("""
				select e.id, e.order_id, e.type, e.payload::text as payload, e.occurred_at, e.actor
				from unnest(:orders::bigint[]) as o(id)
				cross join lateral (
					select * from order_event where order_id = o.id order by id desc limit :limit
				) e
				order by e.order_id, e.id desc
				""")
			.bind("orders", orderIds.toArray(Long[]::new))
			.bind("limit", limit)
			.map(this.codec::readRow)
			.all()
			.collectList()
			.map(OrderEventStream::byOrder);
	}

	/**
	 * One page of an order's events, going back in time.
	 * @param orderId the order
	 * @param beforeId the oldest event of the page before, or {@link Long#MAX_VALUE} for
	 * the newest page
	 * @param limit how many at most
	 * @return the events before that one, newest first
	 */
	public Mono<List<OrderEvent>> before(long orderId, long beforeId, int limit) {
		return this.db
			.sql("select " + OrderEvent.COLUMNS
					+ " from order_event where order_id = :orderId and id < :beforeId order by id desc limit :limit")
			.bind("orderId", orderId)
			.bind("beforeId", beforeId)
			.bind("limit", limit)
			.map(this.codec::readRow)
			.all()
			.collectList();
	}

	/**
	 * The events of several orders, each after an id of its own, in one query.
	 * @param afterIds for each order, the last event already seen (0 for all)
	 * @return the events of each order, in id order; orders without any are absent
	 */
	public Mono<Map<Long, List<OrderEvent>>> after(Map<Long, Long> afterIds) {
		if (afterIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Long[] orders = afterIds.keySet().toArray(Long[]::new);
		Long[] after = Arrays.stream(orders).map(afterIds::get).toArray(Long[]::new);
		return this.db.sql("""
				select e.id, e.order_id, e.type, e.payload::text as payload, e.occurred_at, e.actor
				from order_event e
				join unnest(:orders::bigint[], :after::bigint[]) as seen(order_id, after_id)
					on e.order_id = seen.order_id and e.id > seen.after_id
				order by e.id
				""")
			.bind("orders", orders)
			.bind("after", after)
			.map(this.codec::readRow)
			.all()
			.collectList()
			.map(OrderEventStream::byOrder);
	}

	private static Map<Long, List<OrderEvent>> byOrder(List<OrderEvent> events) {
		Map<Long, List<OrderEvent>> byOrder = new HashMap<>();
		events.forEach((event) -> byOrder.computeIfAbsent(event.orderId(), (id) -> new ArrayList<>()).add(event));
		return byOrder;
	}

	private Flux<OrderEvent> replay(long orderId, long afterId, long upToId) {
		if (afterId >= upToId) {
			return Flux.empty();
		}
		return this.db.sql("""
				select %s from order_event
				where order_id = :orderId and id > :afterId and id <= :upToId
				order by id
				""".formatted(OrderEvent.COLUMNS))
			.bind("orderId", orderId)
			.bind("afterId", afterId)
			.bind("upToId", upToId)
			.map(this.codec::readRow)
			.all();
	}

}
