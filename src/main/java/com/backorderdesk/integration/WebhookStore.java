package com.backorderdesk.integration;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * The webhook tables, and the only code that writes them. Writing a change's messages is
 * one statement however many there are; claiming is one statement per round.
 */
@Repository
class WebhookStore {

	private static final String ENDPOINT_COLUMNS = "id, url, event_types, active, description, created_by, created_at, version";

	private final DatabaseClient db;

	WebhookStore(DatabaseClient db) {
		this.db = db;
	}

	/** What the active endpoints subscribe to, by endpoint id. */
	Mono<Map<Long, List<String>>> subscriptions() {
		return this.db.sql("select id, event_types from webhook_endpoint where active")
			.map((row) -> Map.entry(row.get("id", Long.class), Arrays.asList(row.get("event_types", String[].class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Writes messages and a delivery of each to every active endpoint subscribed to its
	 * type, due now.
	 * @param messages the messages, in the order they happened
	 * @param now the time
	 * @return how many deliveries were written
	 */
	Mono<Long> write(List<Outgoing> messages, Instant now) {
		if (messages.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db
			.sql("""
					with written as (
						insert into webhook_message (webhook_id, event_type, order_id, order_event_id, payload, created_at)
						select 'msg_' || replace(gen_random_uuid()::text, '-', ''), m.type, m.order_id, m.event_id, m.payload,
							:now
						from unnest(:types::text[], :orderIds::bigint[], :eventIds::bigint[], :payloads::text[])
							with ordinality as m(type, order_id, event_id, payload, position)
						order by m.position
						returning id, event_type, order_id
					)
					insert into webhook_delivery (message_id, endpoint_id, order_id, next_attempt_at, created_at)
					select w.id, e.id, w.order_id, :now, :now
					from written w join webhook_endpoint e on e.active and w.event_type = any(e.event_types)
					order by w.id, e.id
					""")
			.bind("types", messages.stream().map(Outgoing::type).toArray(String[]::new))
			.bind("orderIds", messages.stream().map(Outgoing::orderId).toArray(Long[]::new))
			.bind("eventIds", messages.stream().map(Outgoing::orderEventId).toArray(Long[]::new))
			.bind("payloads", messages.stream().map(Outgoing::payload).toArray(String[]::new))
			.bind("now", now)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Writes a test message and its delivery to one endpoint, active or not.
	 * @return the delivery's id, or empty when there is no such endpoint
	 */
	Mono<Long> writeTest(long endpointId, String payload, Instant now) {
		return this.db.sql("""
				with endpoint as (select id from webhook_endpoint where id = :endpointId),
				written as (
					insert into webhook_message (webhook_id, event_type, payload, created_at)
					select 'msg_' || replace(gen_random_uuid()::text, '-', ''), :type, :payload, :now from endpoint
					returning id
				)
				insert into webhook_delivery (message_id, endpoint_id, next_attempt_at, created_at)
				select w.id, e.id, :now, :now from written w cross join endpoint e
				returning id
				""")
			.bind("endpointId", endpointId)
			.bind("type", WebhookEventType.TEST)
			.bind("payload", payload)
			.bind("now", now)
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	Mono<WebhookEndpoint> insertEndpoint(String url, String secret, List<String> types, String description,
			String actor, Instant now) {
		return this.db.sql("""
				insert into webhook_endpoint (url, secret, event_types, description, created_by, created_at)
				values (:url, :secret, :types, :description, :actor, :now)
				returning\s""" + ENDPOINT_COLUMNS)
			.bind("url", url)
			.bind("secret", secret)
			.bind("types", types.toArray(String[]::new))
			.bind("description", description)
			.bind("actor", actor)
			.bind("now", now)
			.map(WebhookStore::readEndpoint)
			.one();
	}

	Mono<Long> countEndpoints() {
		return this.db.sql("select count(*) from webhook_endpoint").map((row) -> row.get(0, Long.class)).one();
	}

	Mono<List<WebhookEndpoint>> endpoints() {
		return this.db.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoint order by id")
			.map(WebhookStore::readEndpoint)
			.all()
			.collectList();
	}

	Mono<WebhookEndpoint> endpoint(long id) {
		return this.db.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoint where id = :id")
			.bind("id", id)
			.map(WebhookStore::readEndpoint)
			.one();
	}

	/** Sets the switch if the version matches; empty when it does not. */
	Mono<WebhookEndpoint> setActive(long id, boolean active, long version) {
		return this.db.sql("""
				update webhook_endpoint set active = :active, version = version + 1
				where id = :id and version = :version
				returning\s""" + ENDPOINT_COLUMNS)
			.bind("active", active)
			.bind("id", id)
			.bind("version", version)
			.map(WebhookStore::readEndpoint)
			.one();
	}

	/** Deletes an endpoint with its deliveries and their log. */
	Mono<Boolean> deleteEndpoint(long id) {
		return this.db.sql("delete from webhook_endpoint where id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.map((deleted) -> deleted > 0);
	}

	/**
	 * Claims due deliveries for this instance. A delivery is due when it is pending, its
	 * time has come and no instance holds a live lease on it; it is claimed only when no
	 * earlier delivery of the same order to the same endpoint is still pending (so an
	 * order's messages arrive in the order they happened), and only as many of an
	 * endpoint's as it has free slots of {@code perEndpoint} over every instance. Rows
	 * another instance is claiming are skipped, never waited for.
	 * @return the deliveries claimed, with their attempt counted
	 */
	Mono<List<ClaimedDelivery>> claim(Instant now, Instant leaseUntil, int perEndpoint, int limit) {
		return this.db.sql("""
				with candidates as (
					select d.id, d.endpoint_id, d.next_attempt_at,
						row_number() over (partition by d.endpoint_id order by d.next_attempt_at, d.id) as place
					from webhook_delivery d
					join webhook_endpoint e on e.id = d.endpoint_id and e.active
					where d.status = 'PENDING' and d.next_attempt_at <= :now
						and (d.lease_until is null or d.lease_until <= :now)
						and (d.order_id is null or not exists (select 1 from webhook_delivery p
							where p.endpoint_id = d.endpoint_id and p.order_id = d.order_id and p.status = 'PENDING'
								and p.id < d.id))
				),
				busy as (
					select endpoint_id, count(*) as in_flight from webhook_delivery
					where status = 'PENDING' and lease_until > :now group by endpoint_id
				),
				chosen as (
					select c.id from candidates c left join busy b on b.endpoint_id = c.endpoint_id
					where c.place <= :perEndpoint - coalesce(b.in_flight, 0)
					order by c.next_attempt_at, c.id
					limit :limit
				),
				locked as (
					select d.id from webhook_delivery d
					where d.id in (select id from chosen) and d.status = 'PENDING'
						and (d.lease_until is null or d.lease_until <= :now)
					for update of d skip locked
				),
				claimed as (
					update webhook_delivery d set attempts = d.attempts + 1, lease_until = :leaseUntil
					from locked where d.id = locked.id
					returning d.id, d.message_id, d.endpoint_id, d.attempts
				)
				select c.id, c.endpoint_id, c.attempts, m.webhook_id, m.payload, e.url, e.secret
				from claimed c join webhook_message m on m.id = c.message_id
				join webhook_endpoint e on e.id = c.endpoint_id
				order by c.id
				""")
			.bind("now", now)
			.bind("leaseUntil", leaseUntil)
			.bind("perEndpoint", perEndpoint)
			.bind("limit", limit)
			.map((row) -> new ClaimedDelivery(row.get("id", Long.class), row.get("endpoint_id", Long.class),
					row.get("attempts", Integer.class), row.get("webhook_id", String.class),
					row.get("payload", String.class), row.get("url", String.class), row.get("secret", String.class)))
			.all()
			.collectList();
	}

	/**
	 * Logs an attempt and moves its delivery on: delivered, due again at
	 * {@code nextAttemptAt}, or dead. Only a delivery still pending is moved.
	 */
	Mono<Void> recordAttempt(long deliveryId, Instant attemptedAt, @Nullable Integer statusCode, @Nullable String error,
			long durationMillis, String status, Instant nextAttemptAt) {
		return this.db.sql("""
				with logged as (
					insert into webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms)
					select id, :attemptedAt, :statusCode, :error, :duration from webhook_delivery where id = :id
				)
				update webhook_delivery set status = :status, lease_until = null, last_status = :statusCode,
					last_error = :error, next_attempt_at = :next,
					delivered_at = case when :status = 'DELIVERED' then :attemptedAt end
				where id = :id and status = 'PENDING'
				""")
			.bind("id", deliveryId)
			.bind("attemptedAt", attemptedAt)
			.bind("statusCode", Parameter.fromOrEmpty(statusCode, Integer.class))
			.bind("error", Parameter.fromOrEmpty(error, String.class))
			.bind("duration", (int) Math.min(Integer.MAX_VALUE, durationMillis))
			.bind("status", status)
			.bind("next", nextAttemptAt)
			.then();
	}

	/** The newest deliveries to an endpoint. */
	Mono<List<DeliveryLogEntry>> log(long endpointId, int limit) {
		return this.db.sql("""
				select d.id, m.webhook_id, m.event_type, o.number, d.status, d.attempts, d.last_status, d.last_error,
					d.created_at, d.next_attempt_at, d.delivered_at
				from webhook_delivery d join webhook_message m on m.id = d.message_id
				left join customer_order o on o.id = m.order_id
				where d.endpoint_id = :endpointId
				order by d.id desc limit :limit
				""")
			.bind("endpointId", endpointId)
			.bind("limit", limit)
			.map(WebhookStore::logEntry)
			.all()
			.collectList();
	}

	/** Every attempt at one delivery, oldest first, as status codes or errors. */
	Mono<List<Attempt>> attempts(long deliveryId) {
		return this.db.sql("""
				select attempted_at, status_code, error, duration_ms from webhook_attempt
				where delivery_id = :id order by id
				""")
			.bind("id", deliveryId)
			.map((row) -> new Attempt(row.get("attempted_at", Instant.class), row.get("status_code", Integer.class),
					row.get("error", String.class), row.get("duration_ms", Integer.class)))
			.all()
			.collectList();
	}

	/**
	 * Makes a dead delivery due again with a fresh count of attempts.
	 * @return whether the endpoint had such a dead delivery
	 */
	Mono<Boolean> redeliver(long endpointId, long deliveryId, Instant now) {
		return this.db.sql("""
				update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = :now, lease_until = null
				where id = :id and endpoint_id = :endpointId and status = 'DEAD'
				""")
			.bind("id", deliveryId)
			.bind("endpointId", endpointId)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0);
	}

	/** Pending and dead deliveries per endpoint. */
	Mono<Map<Long, Counts>> counts() {
		return this.db.sql("""
				select endpoint_id, count(*) filter (where status = 'PENDING') as pending,
					count(*) filter (where status = 'DEAD') as dead
				from webhook_delivery where status <> 'DELIVERED' group by endpoint_id
				""")
			.map((row) -> Map.entry(row.get("endpoint_id", Long.class),
					new Counts(row.get("pending", Long.class), row.get("dead", Long.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private static WebhookEndpoint readEndpoint(Readable row) {
		return new WebhookEndpoint(row.get("id", Long.class), row.get("url", String.class),
				Arrays.asList(row.get("event_types", String[].class)),
				Boolean.TRUE.equals(row.get("active", Boolean.class)), row.get("description", String.class),
				row.get("created_by", String.class), row.get("created_at", Instant.class),
				row.get("version", Long.class));
	}

	private static DeliveryLogEntry logEntry(Readable row) {
		return new DeliveryLogEntry(row.get("id", Long.class), row.get("webhook_id", String.class),
				row.get("event_type", String.class), row.get("number", String.class), row.get("status", String.class),
				row.get("attempts", Integer.class), row.get("last_status", Integer.class),
				row.get("last_error", String.class), row.get("created_at", Instant.class),
				row.get("next_attempt_at", Instant.class), row.get("delivered_at", Instant.class));
	}

	/**
	 * A message to write.
	 *
	 * @param type its wire type
	 * @param orderId the order it is about, whose messages keep their order
	 * @param orderEventId the timeline event it stems from
	 * @param payload the body, as sent
	 */
	record Outgoing(String type, @Nullable Long orderId, @Nullable Long orderEventId, String payload) {
	}

	/**
	 * A delivery claimed by this instance.
	 *
	 * @param id the delivery
	 * @param endpointId its endpoint
	 * @param attempts attempts made, this one included
	 * @param webhookId the message's id, the same on every attempt
	 * @param payload the body
	 * @param url where to post it
	 * @param secret what to sign it with
	 */
	record ClaimedDelivery(long id, long endpointId, int attempts, String webhookId, String payload, String url,
			String secret) {
	}

	/**
	 * One attempt, for the log.
	 *
	 * @param attemptedAt when
	 * @param statusCode what the endpoint answered, if it did
	 * @param error why there was no answer, or what was wrong with it
	 * @param durationMillis how long it took
	 */
	record Attempt(Instant attemptedAt, @Nullable Integer statusCode, @Nullable String error, int durationMillis) {
	}

	/**
	 * Deliveries of an endpoint not delivered.
	 *
	 * @param pending waiting or being sent
	 * @param dead given up
	 */
	record Counts(long pending, long dead) {
	}

}
