package com.backorderdesk.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.stereotype.Component;

/**
 * Fans the events this instance reads out to its local subscribers.
 *
 * <p>
 * Every subscriber gets a feed of its own: a unicast sink over a bounded buffer. This is
 * deliberately not a shared {@code Sinks.many().multicast().directBestEffort()}: that
 * never blocks either, but it silently drops events for a subscriber without demand, and
 * a browser would never learn that it missed one. Here publishing never waits for anyone,
 * and a subscriber that falls {@code limit} events behind is ended with an error; the
 * browser reconnects with its {@code Last-Event-ID} and is replayed what it missed. Feeds
 * are indexed by order, so publishing an event touches only the followers of that order,
 * however many orders are followed.
 */
@Component
class OrderEventHub {

	private static final long NOT_STARTED = -1;

	private final Set<Feed> everything = ConcurrentHashMap.newKeySet();

	private final ConcurrentMap<Long, Set<Feed>> byOrder = new ConcurrentHashMap<>();

	private final Sinks.Empty<Void> started = Sinks.empty();

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	private final Sinks.Many<Long> batches = Sinks.many().multicast().directBestEffort();

	private volatile long published = NOT_STARTED;

	private volatile boolean closed;

	/**
	 * Sets the id after which this instance publishes; events up to it are history.
	 * @param lastId the highest id that is not published
	 */
	void start(long lastId) {
		this.published = lastId;
		this.started.tryEmitEmpty();
	}

	boolean isStarted() {
		return this.published != NOT_STARTED;
	}

	Mono<Void> started() {
		return this.started.asMono();
	}

	/**
	 * The highest id published. A feed opened before this is read receives every event
	 * with a higher id.
	 */
	long published() {
		return this.published;
	}

	/**
	 * Publishes one event to the feeds that want it.
	 * @param event the event
	 */
	void publish(OrderEvent event) {
		publish(List.of(event));
	}

	/**
	 * Publishes events to the feeds that want them, then tells every {@link Listener} of
	 * the whole batch at once.
	 * @param events the events, in id order
	 */
	void publish(List<OrderEvent> events) {
		publishRead(events.stream().map(ReadEvent::of).toList());
	}

	/**
	 * Publishes events as the listener read them: each one's record is read from its JSON
	 * only when a feed wants it (a subscriber to all orders, or a follower of its order);
	 * then every {@link Listener} hears of the whole batch at once, and
	 * {@link #batches()} signals it. Only the listener calls this, in id order.
	 * @param events the events, in id order
	 */
	void publishRead(List<ReadEvent> events) {
		List<OrderEvent> batch = new ArrayList<>(events.size());
		for (ReadEvent event : events) {
			// Advance before looking up the feeds: a feed that is opened concurrently and
			// misses this event reads a published id that includes it, and replays it.
			this.published = event.id();
			if (!this.everything.isEmpty()) {
				OrderEvent read = event.event();
				this.everything.forEach((feed) -> feed.offer(read));
			}
			Set<Feed> followers = this.byOrder.get(event.orderId());
			if (followers != null && !followers.isEmpty()) {
				OrderEvent read = event.event();
				followers.forEach((feed) -> feed.offer(read));
			}
			batch.add(event.summary());
		}
		if (!batch.isEmpty()) {
			this.listeners.forEach((listener) -> listener.published(batch));
			this.batches.tryEmitNext(this.published);
		}
	}

	/**
	 * The highest id of each batch published from now on: a wake-up for work that only
	 * needs to know that events were committed, and for which no event is read. A
	 * subscriber without demand when a batch is published misses that signal, never a
	 * later one. Completes when the hub closes.
	 * @return the ids
	 */
	Flux<Long> batches() {
		return this.batches.asFlux();
	}

	/**
	 * Adds a listener that hears of every batch published and of the hub's closing.
	 * @param listener the listener
	 */
	void listen(Listener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Opens a feed of every event published from now on.
	 * @param limit how many events it may fall behind
	 * @return the feed, to be subscribed or closed
	 */
	Feed openAll(int limit) {
		Feed feed = new Feed(null, limit);
		this.everything.add(feed);
		return checkClosed(feed);
	}

	/**
	 * Opens a feed of the events of one order published from now on.
	 * @param orderId the order
	 * @param limit how many events it may fall behind
	 * @return the feed, to be subscribed or closed
	 */
	Feed openOrder(long orderId, int limit) {
		Feed feed = new Feed(orderId, limit);
		this.byOrder.compute(orderId, (id, feeds) -> {
			Set<Feed> open = (feeds != null) ? feeds : ConcurrentHashMap.newKeySet();
			open.add(feed);
			return open;
		});
		return checkClosed(feed);
	}

	private Feed checkClosed(Feed feed) {
		if (this.closed) {
			feed.complete();
		}
		return feed;
	}

	/** Completes every feed: this instance publishes nothing more. */
	void close() {
		this.closed = true;
		// followers waiting for a start that will not come open feeds that are complete
		this.started.tryEmitEmpty();
		this.everything.forEach(Feed::complete);
		this.byOrder.values().forEach((feeds) -> feeds.forEach(Feed::complete));
		this.listeners.forEach(Listener::closed);
		// may race with the listener signalling its last batch
		this.batches.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
	}

	boolean isClosed() {
		return this.closed;
	}

	/** How many feeds are open, to see that ended subscribers leave nothing behind. */
	int openFeeds() {
		return this.everything.size() + this.byOrder.values().stream().mapToInt(Set::size).sum();
	}

	/**
	 * How many feeds follow one order, to see that its ended followers leave nothing
	 * behind.
	 */
	int openFeeds(long orderId) {
		return this.byOrder.getOrDefault(orderId, Set.of()).size();
	}

	private void remove(Feed feed) {
		Long orderId = feed.orderId;
		if (orderId == null) {
			this.everything.remove(feed);
			return;
		}
		this.byOrder.computeIfPresent(orderId, (id, feeds) -> {
			feeds.remove(feed);
			return feeds.isEmpty() ? null : feeds;
		});
	}

	/**
	 * One subscriber's events, buffered from the moment it is opened until they are
	 * consumed.
	 */
	final class Feed {

		private final @Nullable Long orderId;

		private final int limit;

		private final Queue<OrderEvent> buffer = Queues.<OrderEvent>unbounded(16).get();

		private final Sinks.Many<OrderEvent> sink;

		private Feed(@Nullable Long orderId, int limit) {
			this.orderId = orderId;
			this.limit = limit;
			this.sink = Sinks.many().unicast().onBackpressureBuffer(this.buffer, this::close);
		}

		/** The events; one subscriber only. */
		Flux<OrderEvent> events() {
			return this.sink.asFlux();
		}

		/** Stops buffering; for a feed that is given up before it is subscribed. */
		void close() {
			remove(this);
		}

		private void offer(OrderEvent event) {
			if (this.buffer.size() >= this.limit) {
				this.sink.tryEmitError(new SubscriberTooSlowException(this.limit));
				close();
				return;
			}
			this.sink.tryEmitNext(event);
		}

		private void complete() {
			// may race with the listener offering the last events
			this.sink.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
		}

	}

	/**
	 * Hears of what the hub publishes, a batch at a time, on the listener's thread: it
	 * must return quickly.
	 */
	interface Listener {

		/**
		 * Called after each batch is published.
		 * @param events the batch, in id order, never empty; an event that no feed wanted
		 * carries an {@link UnknownEvent} of its type in place of its record (which is
		 * not read from its JSON for a listener): listeners read ids and orders, and the
		 * records of {@link AccessRevoked} events, which are always read
		 */
		void published(List<OrderEvent> events);

		/** Called once when the hub closes: nothing more is published. */
		void closed();

	}

	/**
	 * Ends a subscriber that fell too far behind, so that it can reconnect and replay.
	 */
	static final class SubscriberTooSlowException extends IllegalStateException {

		SubscriberTooSlowException(int limit) {
			super("Subscriber fell more than " + limit + " events behind; reconnect to replay them");
		}

	}

}
