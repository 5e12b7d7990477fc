package com.backorderdesk.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;

/**
 * Limits how often one client may call a public endpoint, counted in PostgreSQL so the
 * limit holds across instances: one row a client a fixed window, counted up in place by
 * one statement (no lock to wait for). Clients are told apart as the lookup limit does
 * ({@link ClientAddress}, the trusted proxy's report behind one).
 */
@Service
public class PublicRateLimit {

	/** Old windows removed by a client's first request of a window: enough to keep up. */
	private static final int PRUNE_BATCH = 100;

	private final DatabaseClient db;

	private final StorefrontSettings settings;

	private final Clock clock;

	PublicRateLimit(DatabaseClient db, StorefrontSettings settings, Clock clock) {
		this.db = db;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Counts a request of the exchange's client.
	 * @param scope which endpoint, such as {@code AVAILABILITY}
	 * @param exchange the request
	 * @return zero when the request may proceed, else how long to wait before the next
	 */
	public Mono<Duration> acquire(String scope, ServerWebExchange exchange) {
		Instant now = this.clock.instant();
		long windowMillis = Math.max(1000, this.settings.window().toMillis());
		Instant start = Instant.ofEpochMilli(now.toEpochMilli() - now.toEpochMilli() % windowMillis);
		Instant end = start.plusMillis(windowMillis);
		String client = LookupAttempts.clientKey(ClientAddress.of(exchange));
		return this.db.sql("""
				insert into rate_limit_window (scope, key, window_start, requests) values (:scope, :key, :start, 1)
				on conflict (scope, key, window_start) do update set requests = rate_limit_window.requests + 1
				returning requests
				""")
			.bind("scope", scope)
			.bind("key", client)
			.bind("start", start)
			.map((row) -> row.get("requests", Integer.class))
			.one()
			.flatMap((requests) -> prune(requests, start).thenReturn(
					(requests > this.settings.requestsPerWindow()) ? Duration.between(now, end) : Duration.ZERO));
	}

	private Mono<Void> prune(int requests, Instant start) {
		if (requests != 1) {
			return Mono.empty();
		}
		return this.db.sql("""
				delete from rate_limit_window where ctid = any(array(
					select ctid from rate_limit_window where window_start < :start limit :batch))
				""").bind("start", start).bind("batch", PRUNE_BATCH).then();
	}

}
