package com.backorderdesk.timeline;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Appends events to order timelines inside the caller's transaction.
 *
 * <p>
 * Appending also issues {@code NOTIFY order_events} with the highest new id. PostgreSQL
 * delivers a notification only when the transaction commits, so listeners never hear of
 * an event that was rolled back, and only ids travel over the channel, never payloads.
 * Every {@link OrderEventAppendListener} hears of the appended events in the same
 * transaction.
 */
@Service
public class OrderEventLog {

	/** The channel every instance listens on. */
	public static final String CHANNEL = "order_events";

	private final DatabaseClient db;

	private final OrderEventCodec codec;

	private final ObjectProvider<OrderEventAppendListener> listeners;

	OrderEventLog(DatabaseClient db, OrderEventCodec codec, ObjectProvider<OrderEventAppendListener> listeners) {
		this.db = db;
		this.codec = codec;
		this.listeners = listeners;
	}

	/**
	 * Appends events in one statement.
	 * @param events the events, in the order they happened
	 * @return the highest id appended, or empty when there was nothing to append
	 */
	public Mono<Long> append(List<NewOrderEvent> events) {
		if (events.isEmpty()) {
			return Mono.empty();
		}
		Long[] orderIds = events.stream().map(NewOrderEvent::orderId).toArray(Long[]::new);
		String[] types = events.stream().map((event) -> this.codec.name(event.event())).toArray(String[]::new);
		String[] payloads = events.stream().map((event) -> this.codec.write(event.event())).toArray(String[]::new);
		String[] actors = events.stream().map(NewOrderEvent::actor).toArray(String[]::new);
		// one statement for any number of events; the rows come back for the listeners
		return this.db.sql("""
				with appended as (
					insert into order_event (order_id, type, payload, actor)
					select e.order_id, e.type, e.payload::jsonb, e.actor
					from unnest(:orderIds, :types, :payloads, :actors)
						with ordinality as e(order_id, type, payload, actor, position)
					order by e.position
					returning *
				),
				notified as (select pg_notify(:channel, max(id)::text) from appended)
				select %s from appended cross join notified order by id
				""".formatted(OrderEvent.COLUMNS))
			.bind("orderIds", orderIds)
			.bind("types", types)
			.bind("payloads", payloads)
			.bind("actors", actors)
			.bind("channel", CHANNEL)
			.map(this.codec::readRow)
			.all()
			.collectList()
			.flatMap((appended) -> Flux.fromStream(this.listeners.orderedStream())
				.concatMap((listener) -> listener.appended(appended))
				.then(Mono.just(appended.get(appended.size() - 1).id())));
	}

	/**
	 * Appends one event.
	 * @param event the event
	 * @return its id
	 */
	public Mono<Long> append(NewOrderEvent event) {
		return append(List.of(event));
	}

}
