package com.backorderdesk.integration;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.audit.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The endpoints webhooks are sent to, for the admin page and the API: each change is one
 * transaction with its audit entry. An endpoint gets a secret when it is created, shown
 * that once; a test event can be sent to it, and a dead delivery sent again.
 */
@Service
public class WebhookEndpoints {

	/** The longest description of an endpoint. */
	public static final int MAX_DESCRIPTION = 200;

	private static final SecureRandom random = new SecureRandom();

	private final WebhookStore store;

	private final WebhookAddresses addresses;

	private final WebhookWriter writer;

	private final AuditLog audit;

	private final WebhookSettings settings;

	private final Clock clock;

	WebhookEndpoints(WebhookStore store, WebhookAddresses addresses, WebhookWriter writer, AuditLog audit,
			WebhookSettings settings, Clock clock) {
		this.store = store;
		this.addresses = addresses;
		this.writer = writer;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Creates an endpoint, active.
	 * @param url where to post: an {@code https} address on the public internet, at most
	 * 2,000 characters (see {@link WebhookAddresses})
	 * @param eventTypes 1 to 20 wire names of {@link WebhookEventType}; repeats count
	 * once
	 * @param description what staff call it, at most {@value #MAX_DESCRIPTION} characters
	 * @param actor who creates it
	 * @return the endpoint and its secret; an {@link InvalidValueException} naming
	 * {@code url}, {@code eventTypes} or {@code description} when one is not allowed, an
	 * {@link InvalidInputException} when there are already as many endpoints as allowed
	 */
	@Transactional
	public Mono<CreatedEndpoint> create(String url, List<String> eventTypes, @Nullable String description,
			String actor) {
		return Mono
			.fromCallable(() -> new Checked(this.addresses.check("url", url), types(eventTypes),
					InputRules.text("description", description, 0, MAX_DESCRIPTION)))
			.flatMap((checked) -> this.store.countEndpoints().flatMap((count) -> {
				if (count >= this.settings.maxEndpoints()) {
					return Mono.error(new InvalidInputException("url", "There are " + count
							+ " endpoints, as many as allowed: delete one you no longer use first."));
				}
				String secret = newSecret();
				return this.store
					.insertEndpoint(checked.url(), secret, checked.types(), checked.description(), actor,
							this.clock.instant())
					.flatMap((endpoint) -> this.audit
						.record(actor, "WEBHOOK_ADDED", subject(endpoint.id()), null, audited(endpoint))
						.thenReturn(new CreatedEndpoint(endpoint, secret)));
			}));
	}

	private static List<String> types(@Nullable List<String> given) {
		if (given == null || given.isEmpty() || given.size() > 20) {
			throw new InvalidValueException("eventTypes",
					"Choose 1 to 20 event types from " + String.join(", ", WebhookEventType.wireNames()) + ".");
		}
		Set<String> types = new LinkedHashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String type = given.get(i);
			if (type == null || WebhookEventType.of(type).isEmpty()) {
				throw new InvalidValueException("eventTypes[" + i + "]",
						"Choose one of " + String.join(", ", WebhookEventType.wireNames()) + ".");
			}
			types.add(type);
		}
		return new ArrayList<>(types);
	}

	private static String newSecret() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	/**
	 * Every endpoint, oldest first.
	 * @return the endpoints
	 */
	public Mono<List<WebhookEndpoint>> list() {
		return this.store.endpoints();
	}

	/**
	 * Reads one endpoint.
	 * @param id the endpoint
	 * @return the endpoint; {@link NotFoundException} (no field) when there is none
	 */
	public Mono<WebhookEndpoint> find(long id) {
		return this.store.endpoint(id).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	/**
	 * Deletes an endpoint, with its deliveries and their log.
	 * @param id the endpoint
	 * @param actor who deletes it
	 * @return completion; {@link NotFoundException} when there is none
	 */
	@Transactional
	public Mono<Void> delete(long id, String actor) {
		return find(id).flatMap((endpoint) -> this.store.deleteEndpoint(id)
			.then(this.audit.record(actor, "WEBHOOK_DELETED", subject(id), audited(endpoint), null)));
	}

	/**
	 * Turns an endpoint on or off. Off, it gets no new deliveries and its pending ones
	 * wait; on again, they go out.
	 * @param id the endpoint
	 * @param active the switch
	 * @param version the version the caller saw
	 * @param actor who switches it
	 * @return the endpoint now; {@link NotFoundException} when there is none,
	 * {@link ConflictException} with the endpoint now when it changed since
	 */
	@Transactional
	public Mono<WebhookEndpoint> setActive(long id, boolean active, long version, String actor) {
		return find(id).flatMap((before) -> this.store.setActive(id, active, version)
			.switchIfEmpty(Mono.error(
					() -> new ConflictException("Someone else changed this endpoint first; here it is now.", before)))
			.flatMap((after) -> this.audit
				.record(actor, active ? "WEBHOOK_ENABLED" : "WEBHOOK_DISABLED", subject(id), audited(before),
						audited(after))
				.thenReturn(after)));
	}

	/**
	 * Queues a test event ({@value WebhookEventType#TEST}) for one endpoint, sent like
	 * any other and logged with it.
	 * @param id the endpoint
	 * @param actor who asked
	 * @return the delivery's id; {@link NotFoundException} when there is no endpoint
	 */
	@Transactional
	public Mono<Long> sendTest(long id, String actor) {
		return find(id).flatMap((endpoint) -> this.store
			.writeTest(id, this.writer.testBody(id, this.clock.instant()), this.clock.instant())
			.flatMap((deliveryId) -> this.audit
				.record(actor, "WEBHOOK_TEST_SENT", subject(id), null, Map.of("deliveryId", deliveryId))
				.thenReturn(deliveryId)));
	}

	/**
	 * Sends a dead delivery again, with a fresh count of attempts. It may arrive after
	 * later messages of its order that went out while it was dead.
	 * @param id the endpoint
	 * @param deliveryId the delivery
	 * @param actor who asked
	 * @return completion; {@link NotFoundException} naming {@code deliveryId} when the
	 * endpoint has no such dead delivery
	 */
	@Transactional
	public Mono<Void> redeliver(long id, long deliveryId, String actor) {
		return find(id).then(this.store.redeliver(id, deliveryId, this.clock.instant()))
			.flatMap((redelivered) -> redelivered
					? this.audit.record(actor, "WEBHOOK_REDELIVERED", subject(id), null,
							Map.of("deliveryId", deliveryId))
					: Mono.error(new NotFoundException("deliveryId",
							"Endpoint " + id + " has no dead delivery " + deliveryId)));
	}

	/**
	 * The newest deliveries to an endpoint, with their status codes.
	 * @param id the endpoint
	 * @param limit the most to return
	 * @return the deliveries, newest first
	 */
	public Mono<List<DeliveryLogEntry>> log(long id, int limit) {
		return this.store.log(id, limit);
	}

	/**
	 * The status codes (or errors) of every attempt at one delivery, oldest first, as
	 * text for the log: "200 in 35 ms".
	 * @param deliveryIds the deliveries
	 * @return by delivery id
	 */
	Mono<Map<Long, List<String>>> attempts(List<Long> deliveryIds) {
		Map<Long, List<String>> byDelivery = new LinkedHashMap<>();
		return reactor.core.publisher.Flux.fromIterable(deliveryIds)
			.concatMap(
					(deliveryId) -> this.store.attempts(deliveryId)
						.doOnNext((attempts) -> byDelivery.put(deliveryId, attempts.stream()
							.map((attempt) -> ((attempt.statusCode() != null) ? attempt.statusCode().toString()
									: String.valueOf(attempt.error())) + " in " + attempt.durationMillis() + " ms")
							.toList())))
			.then(Mono.just(byDelivery));
	}

	/**
	 * How many deliveries each endpoint has pending and dead.
	 * @return by endpoint id; endpoints with neither are absent
	 */
	Mono<Map<Long, WebhookStore.Counts>> counts() {
		return this.store.counts();
	}

	private static NotFoundException notFound(long id) {
		return new NotFoundException("", "No webhook endpoint " + id);
	}

	private static String subject(long id) {
		return "webhook endpoint " + id;
	}

	/** What the audit log keeps of an endpoint: never its secret. */
	private static Map<String, Object> audited(WebhookEndpoint endpoint) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("url", endpoint.url());
		state.put("eventTypes", endpoint.eventTypes());
		state.put("active", endpoint.active());
		state.put("description", endpoint.description());
		state.put("version", endpoint.version());
		return state;
	}

	private record Checked(String url, List<String> types, String description) {
	}

}
