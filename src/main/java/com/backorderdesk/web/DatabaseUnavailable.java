package com.backorderdesk.web;

import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolAcquireTimeoutException;
import reactor.pool.PoolShutdownException;
import tools.jackson.databind.json.JsonMapper;

import com.backorderdesk.timeline.SseSupport;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * While PostgreSQL cannot be reached, every request that needs it is answered 503 with
 * {@code Retry-After}, never 500: problem+json for the API, nothing for an event stream
 * (its script retries), and the portal's error page for people. Runs before the API's
 * handler and {@link ErrorPages}.
 */
@Component
@Order(-3)
class DatabaseUnavailable implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(DatabaseUnavailable.class);

	private static final byte[] STAFF_PAGE = """
			<!DOCTYPE html>
			<html lang="en"><head><meta charset="utf-8"><title>Back in a moment - Backorder Desk staff</title>
			<meta name="viewport" content="width=device-width, initial-scale=1"></head>
			<body><main><h1>Back in a moment</h1><p>The database is unavailable for a moment; nothing was changed.
			Try again in a few seconds.</p><p><a href="/staff">Reload the dashboard</a></p></main></body></html>
			""".getBytes(StandardCharsets.UTF_8);

	private final JsonMapper json;

	private final String retryAfter;

	DatabaseUnavailable(JsonMapper json, ServerSettings settings) {
		this.json = json;
		this.retryAfter = Long.toString(Math.max(1, settings.retryAfter().toSeconds()));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted() || !isDatabaseUnavailable(ex)) {
			return Mono.error(ex);
		}
		logger.warn("Answered 503 to " + exchange.getRequest().getPath() + ": the database is unavailable ("
				+ ex.getMessage() + ")");
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, this.retryAfter);
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (path.startsWith("/api/")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The database is unavailable for a moment; nothing was changed. Try again after " + this.retryAfter
							+ " seconds");
			problem.setInstance(URI.create(path));
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(this.json.writeValueAsBytes(problem))));
		}
		if (SseSupport.asksForEventStream(exchange.getRequest().getHeaders())) {
			response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
			return response.writeWith(Mono.just(response.bufferFactory()
				.wrap("The database is unavailable; try again.\n".getBytes(StandardCharsets.UTF_8))));
		}
		if (path.equals("/staff") || path.startsWith("/staff/")) {
			// a staff page's templates read the staff session and its CSRF token, which
			// live in the database: a page of its own, from nothing that needs it
			response.getHeaders().setContentType(MediaType.TEXT_HTML);
			return response.writeWith(Mono.just(response.bufferFactory().wrap(STAFF_PAGE)));
		}
		// ErrorPages renders the portal's "back in a moment" page
		return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable", ex));
	}

	/**
	 * Whether a failure means the database cannot be reached now (as opposed to a bug or
	 * bad data): connections refused, lost or not to be had, the server shutting down.
	 * @param ex the failure
	 * @return {@code true} when trying again later may work
	 */
	static boolean isDatabaseUnavailable(@Nullable Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof R2dbcNonTransientResourceException
					|| cause instanceof R2dbcTransientResourceException || cause instanceof R2dbcTimeoutException
					|| cause instanceof PoolAcquireTimeoutException || cause instanceof PoolAcquirePendingLimitException
					|| cause instanceof PoolShutdownException || cause instanceof ConnectException
					|| cause instanceof ClosedChannelException || cause instanceof TimeoutException) {
				return true;
			}
			// connection exceptions (08), operator intervention such as a shutdown (57P),
			// too many connections (53300)
			if (cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
					&& (r2dbc.getSqlState().startsWith("08") || r2dbc.getSqlState().startsWith("57P")
							|| "53300".equals(r2dbc.getSqlState()))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
