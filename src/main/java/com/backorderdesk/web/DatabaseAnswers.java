package com.backorderdesk.web;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Connections whose every call is answered within a deadline, beneath the pool.
 *
 * <p>
 * The pool bounds getting a connection ({@code spring.r2dbc.pool.max-acquire-time}) and
 * PostgreSQL bounds a statement it is running ({@code statement_timeout}), but neither
 * helps when the server stops answering altogether (a network black hole, a frozen
 * server): the driver has no read timeout, and the call would wait forever, holding the
 * request, job or stream that made it. Here each call on a connection (a statement, the
 * first row of each result, a commit, a validation) must give its first answer within the
 * deadline; when it does not, the call fails with an {@link R2dbcTimeoutException}
 * (answered 503 by {@link DatabaseUnavailable}) and the connection is closed, which also
 * fails whatever else waits on it and makes the pool's validation drop it rather than
 * hand it out again.
 *
 * <p>
 * Only the first answer is timed, one timer per call, not per row: a result that stalls
 * halfway through is not caught (the server had answered).
 */
final class DatabaseAnswers implements ConnectionFactory, Wrapped<ConnectionFactory> {

	/**
	 * Added to the server's own {@code statement_timeout}, so that a statement the server
	 * ends in time is answered by the server (the connection stays usable).
	 */
	static final Duration GRACE = Duration.ofSeconds(1);

	private static final Log logger = LogFactory.getLog(DatabaseAnswers.class);

	private final ConnectionFactory factory;

	private final Duration deadline;

	/**
	 * Gives every call on the factory's connections a deadline.
	 * @param factory the connections to watch
	 * @param answerTimeout how long a call may wait for the server to end it itself; the
	 * client gives up {@link #GRACE} later
	 */
	DatabaseAnswers(ConnectionFactory factory, Duration answerTimeout) {
		this.factory = factory;
		this.deadline = answerTimeout.plus(GRACE);
	}

	@Override
	public Publisher<? extends Connection> create() {
		return Mono.from(this.factory.create()).map((connection) -> new Watched(connection).connection());
	}

	@Override
	public ConnectionFactoryMetadata getMetadata() {
		return this.factory.getMetadata();
	}

	@Override
	public ConnectionFactory unwrap() {
		return this.factory;
	}

	/** One connection and whether it stopped answering. */
	private final class Watched {

		private final Connection connection;

		private final AtomicBoolean hung = new AtomicBoolean();

		Watched(Connection connection) {
			this.connection = connection;
		}

		Connection connection() {
			return proxy(Connection.class, this.connection);
		}

		@SuppressWarnings("unchecked")
		private <T> T proxy(Class<T> type, T target) {
			InvocationHandler handler = (proxy, method, args) -> call(type, target, proxy, method, args);
			return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
		}

		private @Nullable Object call(Class<?> type, Object target, Object proxy, Method method,
				Object @Nullable [] args) throws Throwable {
			if (type == Connection.class && method.getName().equals("validate") && this.hung.get()) {
				return Mono.just(false);
			}
			Object result;
			try {
				result = method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
			if (result == target) {
				return proxy;
			}
			if (result instanceof Statement statement) {
				return proxy(Statement.class, statement);
			}
			if (result instanceof Batch batch) {
				return proxy(Batch.class, batch);
			}
			if (result instanceof Result answer) {
				return proxy(Result.class, answer);
			}
			if (result instanceof Publisher<?> publisher
					&& !(type == Connection.class && method.getName().equals("close"))) {
				return answered(publisher, method.getName().equals("execute"));
			}
			return result;
		}

		/** The publisher, failing when its first answer does not come in time. */
		private Publisher<?> answered(Publisher<?> publisher, boolean results) {
			Mono<Long> late = Mono.delay(DatabaseAnswers.this.deadline);
			if (publisher instanceof Mono<?> mono) {
				return mono.timeout(late).onErrorMap(TimeoutException.class, this::hung);
			}
			Flux<?> flux = Flux.from(publisher).timeout(late).onErrorMap(TimeoutException.class, this::hung);
			return results
					? flux.map((result) -> (result instanceof Result answer) ? proxy(Result.class, answer) : result)
					: flux;
		}

		private Throwable hung(TimeoutException ex) {
			long seconds = DatabaseAnswers.this.deadline.toMillis() / 1000;
			if (this.hung.compareAndSet(false, true)) {
				logger.warn("The database did not answer within " + DatabaseAnswers.this.deadline.toMillis()
						+ " ms: closing the connection");
				// fails whatever else waits on it; the pool's validation then drops it
				Mono.from(this.connection.close())
					.subscribe(null, (closing) -> logger.debug("Closing a connection that hung failed", closing));
			}
			return new R2dbcTimeoutException("The database did not answer within " + seconds + " s", ex);
		}

	}

}
