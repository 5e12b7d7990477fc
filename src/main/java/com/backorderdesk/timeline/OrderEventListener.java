package com.backorderdesk.timeline;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlStatement;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Readable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads new order events as they are committed and publishes them to this instance's
 * subscribers, in id order, each once.
 *
 * <p>
 * One dedicated connection per instance, outside the pool, runs {@code LISTEN}: a pooled
 * connection would be handed to other work and stop hearing notifications. Notifications
 * carry no data here: each one only wakes the listener up to read the table from the last
 * published id, so a lost notification costs latency, never an event. Wake-ups that
 * arrive during a read are coalesced into one more read. A poll every few seconds covers
 * notifications lost on the way; a dropped connection, or one that does not open or
 * answer a query within 10 s (a database that hangs), is closed and reopened with
 * exponential backoff and catches up from the last published id.
 *
 * <p>
 * Ids are taken when a row is inserted but become visible when its transaction commits,
 * so a higher id can become visible before a lower one. Reading past such a gap would
 * lose the lower id for good. The listener publishes up to the first missing id, notes
 * which transactions are writing {@code order_event} at that moment (only they can still
 * fill the gap), and goes past the gap once all of them have ended, when the ids still
 * missing belong to rolled-back transactions.
 */
@Component
class OrderEventListener implements SmartLifecycle {

	/** How the dedicated connection shows in {@code pg_stat_activity}. */
	static final String APPLICATION_NAME = "backorder-listener";

	private static final Log logger = LogFactory.getLog(OrderEventListener.class);

	/**
	 * Events read at a time. A shift of 10,000 orders commits 20,000: each batch is
	 * published as one, and the live pages of its orders rendered together, so fewer
	 * batches mean fewer renderings of the same page. Records are read from JSON only for
	 * feeds that want them ({@link ReadEvent}), so a batch costs little more than its
	 * rows.
	 */
	private static final int BATCH_SIZE = 10_000;

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(3);

	private static final Duration GAP_CHECK_INTERVAL = Duration.ofMillis(50);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

	private static final String WRITERS = """
			from pg_locks
			where locktype = 'relation' and relation = 'order_event'::regclass and mode = 'RowExclusiveLock'
			""";

	private final PostgresqlConnectionFactory connections;

	private final OrderEventHub hub;

	private final OrderEventCodec codec;

	/** Missing ids up to this one belong to transactions that have ended. */
	private long settled = -1;

	private volatile @Nullable Gap gap;

	private volatile @Nullable Disposable subscription;

	private volatile @Nullable PostgresqlConnection connection;

	private volatile int backendPid;

	OrderEventListener(R2dbcConnectionDetails database,
			ObjectProvider<ConnectionFactoryOptionsBuilderCustomizer> customizers, OrderEventHub hub,
			OrderEventCodec codec) {
		ConnectionFactoryOptions.Builder options = database.getConnectionFactoryOptions().mutate();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(options));
		options.option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, APPLICATION_NAME)
			.option(PostgresqlConnectionFactoryProvider.TCP_KEEPALIVE, true);
		// the PostgreSQL driver directly, whatever the URL says about pooling
		this.connections = new PostgresqlConnectionFactoryProvider().create(options.build());
		this.hub = hub;
		this.codec = codec;
	}

	@Override
	public void start() {
		this.subscription = Flux
			// bounded, so that a server that stops answering cannot keep the listener
			// from reconnecting: opening (the handshake has no timeout of its own) and
			// closing after a failure (it first writes a goodbye)
			.usingWhen(Mono.from(this.connections.create()).timeout(QUERY_TIMEOUT), this::listen,
					PostgresqlConnection::close, (open, error) -> open.close().timeout(QUERY_TIMEOUT).onErrorComplete(),
					PostgresqlConnection::close)
			.doOnError(
					(ex) -> logger.warn("Order event listener lost its connection, reconnecting: " + ex.getMessage()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, FIRST_BACKOFF).maxBackoff(MAX_BACKOFF).transientErrors(true))
			.subscribe(null, (ex) -> logger.error("Order event listener stopped", ex));
	}

	@Override
	public void stop(Runnable callback) {
		Disposable listening = this.subscription;
		this.subscription = null;
		if (listening != null) {
			listening.dispose();
		}
		this.hub.close();
		PostgresqlConnection open = this.connection;
		this.connection = null;
		Mono<Void> closed = (open != null) ? open.close().timeout(Duration.ofSeconds(2)).onErrorComplete()
				: Mono.empty();
		closed.doFinally((signal) -> callback.run()).subscribe();
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

	/**
	 * Stays running when a context is paused (test contexts are, between uses): stopping
	 * closes the hub, and open streams would end for good.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	/** The server process of the dedicated connection last opened, 0 before the first. */
	int backendPid() {
		return this.backendPid;
	}

	private Flux<Long> listen(PostgresqlConnection connection) {
		this.connection = connection;
		// the driver drops notifications nobody has requested: ask for all of them
		Flux<Object> wakeUps = Flux.<Object>merge(
				connection.getNotifications()
					.concatWith(Mono.error(() -> new IllegalStateException("Notification stream ended"))),
				Flux.interval(POLL_INTERVAL), Flux.interval(GAP_CHECK_INTERVAL).filter((tick) -> this.gap != null));
		return query(connection, "select pg_backend_pid() as pid", (row) -> row.get("pid", Integer.class))
			.doOnNext((pid) -> this.backendPid = pid)
			.thenMany(query(connection, "listen " + OrderEventLog.CHANNEL, (row) -> row))
			.doOnComplete(() -> logger.info("Listening for order events on backend " + this.backendPid))
			.thenMany(wakeUps.startWith("connected")
				.onBackpressureLatest()
				.concatMap((wakeUp) -> catchUp(connection), 0));
	}

	/** Publishes everything committed since the last published id. */
	private Mono<Long> catchUp(PostgresqlConnection connection) {
		return Mono.defer(() -> step(connection))
			.repeat()
			.takeWhile(Boolean::booleanValue)
			.then(Mono.fromSupplier(this.hub::published));
	}

	/** One read; true when there may be more to read at once. */
	private Mono<Boolean> step(PostgresqlConnection connection) {
		Gap waiting = this.gap;
		if (waiting != null) {
			return query(connection, "select count(*) as writing " + WRITERS + " and virtualtransaction = any($1)",
					(row) -> row.get("writing", Long.class), (Object) waiting.writers())
				.single()
				.map((writing) -> {
					if (writing > 0) {
						return false;
					}
					this.gap = null;
					settle(waiting.ceiling());
					return true;
				});
		}
		if (!this.hub.isStarted()) {
			return query(connection, "select coalesce(max(id), 0) as last_id from order_event",
					(row) -> row.get("last_id", Long.class))
				.single()
				.flatMap((lastId) -> awaitWriters(connection, lastId));
		}
		return query(connection,
				"select " + OrderEvent.COLUMNS + " from order_event where id > $1 order by id limit $2",
				(row) -> ReadEvent.of(row, this.codec), this.hub.published(), BATCH_SIZE)
			.collectList()
			.flatMap((events) -> publish(connection, events));
	}

	private Mono<Boolean> publish(PostgresqlConnection connection, List<ReadEvent> events) {
		long last = this.hub.published();
		int ready = 0;
		for (ReadEvent event : events) {
			if (event.id() - 1 > Math.max(last, this.settled)) {
				break;
			}
			last = event.id();
			ready++;
		}
		// one batch, so that followers of many orders can read them together
		this.hub.publishRead(events.subList(0, ready));
		if (ready < events.size()) {
			return awaitWriters(connection, events.get(events.size() - 1).id());
		}
		return Mono.just(events.size() == BATCH_SIZE);
	}

	/**
	 * Notes the transactions that may still commit ids up to the ceiling, which was
	 * visible before this is called; true when there are none.
	 */
	private Mono<Boolean> awaitWriters(PostgresqlConnection connection, long ceiling) {
		return query(connection, "select coalesce(array_agg(virtualtransaction), '{}') as writers " + WRITERS,
				(row) -> row.get("writers", String[].class))
			.single()
			.map((writers) -> {
				if (writers.length == 0) {
					settle(ceiling);
					return true;
				}
				if (logger.isDebugEnabled()) {
					logger
						.debug("Waiting for " + writers.length + " transactions that may commit ids up to " + ceiling);
				}
				this.gap = new Gap(ceiling, writers);
				return false;
			});
	}

	private void settle(long ceiling) {
		if (this.hub.isStarted()) {
			this.settled = Math.max(this.settled, ceiling);
		}
		else {
			this.hub.start(ceiling);
		}
	}

	private static <T> Flux<T> query(PostgresqlConnection connection, String sql, Function<Readable, T> mapper,
			Object... parameters) {
		return Flux.defer(() -> {
			PostgresqlStatement statement = connection.createStatement(sql);
			for (int i = 0; i < parameters.length; i++) {
				statement.bind(i, parameters[i]);
			}
			return statement.execute().flatMap((result) -> result.map(mapper));
		}).timeout(QUERY_TIMEOUT);
	}

	/**
	 * Ids up to {@code ceiling} that were missing may still be committed by one of
	 * {@code writers} (virtual transaction ids).
	 */
	private record Gap(long ceiling, String[] writers) {
	}

}
