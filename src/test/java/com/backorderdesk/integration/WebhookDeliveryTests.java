package com.backorderdesk.integration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;
import reactor.util.function.Tuple2;
import tools.jackson.databind.JsonNode;

import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.ShipPreference;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks end to end, to real HTTP servers on this machine that verify every signature:
 * what each change sends, an endpoint that is down for a while, a slow endpoint beside a
 * fast one and beside e-mail, two dispatchers claiming at once, dead deliveries sent
 * again, and the API that manages endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class WebhookDeliveryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private OrderChoices choices;

	@Autowired
	private WebhookEndpoints endpoints;

	@Autowired
	private WebhookDispatcher dispatcher;

	@Autowired
	private WebhookScheduling scheduling;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private SubstitutionService substitutions;

	@Autowired
	private OrderService orders;

	private final TransactionalOperator transactions;

	private final TestShop shop;

	private final List<WebhookReceiver> receivers = new ArrayList<>();

	WebhookDeliveryTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
		this.transactions = TransactionalOperator.create(context.getBean(ReactiveTransactionManager.class));
	}

	@BeforeEach
	void noEndpoints() {
		// another test may have left one
		for (WebhookEndpoint endpoint : this.endpoints.list().block(TIMEOUT)) {
			this.endpoints.delete(endpoint.id(), "test").block(TIMEOUT);
		}
	}

	@AfterEach
	void deleteEndpoints() {
		// the database is shared: other tests' changes must not go to these endpoints
		for (WebhookEndpoint endpoint : this.endpoints.list().block(TIMEOUT)) {
			this.endpoints.delete(endpoint.id(), "test").block(TIMEOUT);
		}
		this.receivers.forEach(WebhookReceiver::close);
	}

	@Test
	void whenALineIsCancelledThenSignedWebhooksTellTheCancellationAndTheRefundDue() throws Exception {
		WebhookReceiver erp = receiver();
		String secret = register(erp, "order.line.cancelled", "refund.due", "order.ship_preference_changed");
		assertThat(secret).startsWith("whsec_");
		String sku = this.shop.product("CANCEL", 2100, 1);
		this.shop.restock(sku, 5, LocalDate.now().plusDays(12));
		OrderView order = this.shop.order("CANCEL", sku, 3);
		this.choices.setShipPreference(order.number(), ShipPreference.SHIP_COMPLETE, "customer").block(TIMEOUT);
		this.choices.cancelWaiting(order.number(), order.lines().get(0).id(), "customer").block(TIMEOUT);

		List<WebhookReceiver.Received> got = awaitAccepted(erp, 3);
		assertThat(WebhookReceiver.types(got)).containsExactly("order.ship_preference_changed", "order.line.cancelled",
				"refund.due");
		assertThat(got).allSatisfy((one) -> {
			assertThat(one.verified()).as("verified by the Standard Webhooks library").isTrue();
			assertThat(one.hmacMatches()).as("an HMAC-SHA256 of id.timestamp.body").isTrue();
			assertThat(one.webhookId()).startsWith("msg_");
			assertThat(one.orderNumber()).isEqualTo(order.number());
			assertThat(one.data().get("order").get("shipPreference").asString()).isEqualTo("SHIP_COMPLETE");
		});
		JsonNode cancelled = got.get(1).data();
		assertThat(cancelled.get("reason").asString()).isEqualTo("CUSTOMER_REQUEST");
		assertThat(cancelled.get("quantity").asInt()).isEqualTo(2);
		assertThat(cancelled.get("line").get("sku").asString()).isEqualTo(sku);
		assertThat(cancelled.get("before").get("scheduled").asInt()).isEqualTo(2);
		assertThat(cancelled.get("after").get("status").asString()).isEqualTo("ALLOCATED");
		assertThat(cancelled.get("refund").get("amountCents").asLong()).isEqualTo(4200);
		JsonNode due = got.get(2).data().get("refund");
		assertThat(due.get("amountCents").asLong()).isEqualTo(4200);
		assertThat(due.get("currency").asString()).isEqualTo("EUR");
		assertThat(due.get("reason").asString()).isEqualTo("CUSTOMER_REQUEST");
		assertThat(due.get("id").asLong()).isEqualTo(cancelled.get("refund").get("id").asLong());
		assertThat(got.get(0).data().get("before").asString()).isEqualTo("SHIP_WHEN_READY");
		assertThat(got.get(0).data().get("after").asString()).isEqualTo("SHIP_COMPLETE");
	}

	@Test
	void whenLinesAreReplannedThenTheStatusAndEachMoveOfTheWindowAreSent() throws Exception {
		WebhookReceiver erp = receiver();
		register(erp, "order.line.status_changed", "order.line.eta_changed");
		String sku = this.shop.product("REPLAN", 1000, 0);
		OrderView order = this.shop.order("REPLAN", sku, 2);
		// a restock: the line gets a date, then the supplier says it comes earlier
		this.shop.restock(sku, 5, LocalDate.now().plusDays(20));
		long restockId = this.shop.count("select max(id) from restock where sku = '" + sku + "'");
		this.supply
			.updateRestock(restockId, new RestockChange(LocalDate.now().plusDays(8), null, null, null), "planner")
			.block(TIMEOUT);

		List<WebhookReceiver.Received> got = awaitAccepted(erp, 3);
		assertThat(WebhookReceiver.types(got)).containsExactly("order.line.status_changed", "order.line.eta_changed",
				"order.line.eta_changed");
		assertThat(got).allSatisfy((one) -> {
			assertThat(one.verified()).isTrue();
			assertThat(one.hmacMatches()).isTrue();
			assertThat(one.orderNumber()).isEqualTo(order.number());
			assertThat(one.data().get("line").get("sku").asString()).isEqualTo(sku);
		});
		JsonNode scheduled = got.get(0).data();
		assertThat(scheduled.get("reason").asString()).isEqualTo("RESTOCK_CREATED");
		assertThat(scheduled.get("before").get("status").asString()).isEqualTo("OUT_OF_STOCK");
		assertThat(scheduled.get("before").get("unscheduled").asInt()).isEqualTo(2);
		assertThat(scheduled.get("after").get("status").asString()).isEqualTo("BACKORDERED");
		assertThat(scheduled.get("after").get("scheduled").asInt()).isEqualTo(2);
		JsonNode dated = got.get(1).data();
		assertThat(dated.get("before").get("eta").isNull()).isTrue();
		LocalDate first = LocalDate.parse(dated.get("after").get("eta").get("latest").asString());
		JsonNode moved = got.get(2).data();
		assertThat(moved.get("reason").asString()).isEqualTo("RESTOCK_UPDATED");
		assertThat(moved.get("before").get("eta").get("latest").asString()).isEqualTo(first.toString());
		assertThat(LocalDate.parse(moved.get("after").get("eta").get("latest").asString())).isBefore(first);
		assertThat(moved.get("before").get("status").asString()).isEqualTo(moved.get("after").get("status").asString());
		assertThat(got.get(1).data().get("orderEventId").asLong()).isLessThan(moved.get("orderEventId").asLong());
	}

	@Test
	void whenASubstituteIsAcceptedThenTheSubstitutionIsSentWithWhatItReplaced() throws Exception {
		WebhookReceiver erp = receiver();
		register(erp, "substitution.accepted");
		TestShop.OfferedOrder offered = this.shop.offeredOrder("WHSUB");
		this.substitutions.accept(offered.number(), offered.offerId(), "customer").block(TIMEOUT);

		List<WebhookReceiver.Received> got = awaitAccepted(erp, 1);
		Thread.sleep(300);
		assertThat(erp.received()).as("only what the endpoint subscribed to").hasSize(1);
		WebhookReceiver.Received accepted = got.get(0);
		assertThat(accepted.type()).isEqualTo("substitution.accepted");
		assertThat(accepted.verified()).isTrue();
		assertThat(accepted.hmacMatches()).isTrue();
		assertThat(accepted.orderNumber()).isEqualTo(offered.number());
		JsonNode data = accepted.data();
		assertThat(data.get("offerId").asLong()).isEqualTo(offered.offerId());
		assertThat(data.get("line").get("sku").asString()).isEqualTo(offered.waitingSku());
		assertThat(data.get("substitute").get("sku").asString()).isEqualTo(offered.substituteSku());
		assertThat(data.get("quantity").asInt()).isEqualTo(3);
		assertThat(data.get("cancelled").asInt()).isEqualTo(3);
		assertThat(data.get("priceDifferenceCents").asLong()).isZero();
		assertThat(data.get("currency").asString()).isEqualTo("EUR");
		assertThat(data.get("refund").isNull()).as("the same price: nothing due back").isTrue();
	}

	@Test
	void whenTwoDispatchersClaimAtOnceThenEachMessageIsDeliveredExactlyOnce() throws Exception {
		List<WebhookReceiver> erps = List.of(receiver(), receiver(), receiver());
		erps.forEach((erp) -> register(erp, "order.ship_preference_changed"));
		// this instance's own dispatcher stays out of it: the test plays two instances
		this.scheduling.stop();
		try {
			String sku = this.shop.product("CLAIM", 1000, 20);
			int orders = 6;
			for (int i = 0; i < orders; i++) {
				String number = this.shop.order("CLAIM-" + i, sku, 1).number();
				this.choices.setShipPreference(number, ShipPreference.SHIP_COMPLETE, "customer").block(TIMEOUT);
			}
			Set<Long> claimed = new HashSet<>();
			Instant until = Instant.now().plus(TIMEOUT);
			while (erps.stream().anyMatch((erp) -> erp.accepted().size() < orders)) {
				assertThat(Instant.now()).as("all delivered in time").isBefore(until);
				// the first claims and keeps its transaction (its row locks) open until
				// the
				// second, on a connection of its own, has claimed too: the second must
				// neither wait for the first nor take what it holds
				Tuple2<List<WebhookStore.ClaimedDelivery>, List<WebhookStore.ClaimedDelivery>> both = this.transactions
					.transactional(this.dispatcher.claim()
						.zipWhen((first) -> this.dispatcher.claim()
							.contextWrite((context) -> Context.empty())
							.subscribeOn(Schedulers.boundedElastic())
							.timeout(Duration.ofSeconds(20))))
					.block(TIMEOUT);
				List<WebhookStore.ClaimedDelivery> round = new ArrayList<>(both.getT1());
				round.addAll(both.getT2());
				for (WebhookStore.ClaimedDelivery delivery : round) {
					assertThat(claimed.add(delivery.id())).as("delivery " + delivery.id() + " claimed once").isTrue();
					assertThat(delivery.attempts()).isEqualTo(1);
				}
				assertThat(round.stream()
					.collect(Collectors.groupingBy(WebhookStore.ClaimedDelivery::endpointId, Collectors.counting())))
					.as("in flight to one endpoint, over both dispatchers")
					.allSatisfy((endpoint, count) -> assertThat(count).isLessThanOrEqualTo(4));
				Flux.fromIterable(round).flatMap(this.dispatcher::deliver).then().block(TIMEOUT);
			}
			assertThat(claimed).hasSizeLessThanOrEqualTo(orders * erps.size());
			Thread.sleep(300);
			for (WebhookReceiver erp : erps) {
				List<WebhookReceiver.Received> got = erp.received();
				assertThat(got).hasSize(orders).allSatisfy((one) -> assertThat(one.verified()).isTrue());
				assertThat(got.stream().map(WebhookReceiver.Received::webhookId).distinct()).hasSize(orders);
			}
			assertThat(this.dispatcher.claim().block(TIMEOUT)).as("nothing left to claim").isEmpty();
		}
		finally {
			this.scheduling.start();
		}
	}

	@Test
	void whenAWebhookEndpointHangsThenEmailIsStillSent() throws Exception {
		WebhookReceiver hanging = receiver();
		// longer than the test: the sender gives up after its response timeout, tries
		// again, and the endpoint hangs again
		hanging.delay(Duration.ofMinutes(2));
		register(hanging, "order.ship_preference_changed", "order.line.status_changed", "order.line.eta_changed");
		String sku = this.shop.product("HANG", 1000, 10);
		for (int i = 0; i < 6; i++) {
			String number = this.shop.order("HANG-" + i, sku, 1).number();
			this.choices.setShipPreference(number, ShipPreference.SHIP_COMPLETE, "customer").block(TIMEOUT);
		}
		awaitReceived(hanging, (all) -> hanging.inFlight() >= 4);

		// an order that is e-mailed about, while every webhook send hangs
		String email = this.shop.unique("hang") + "@example.com";
		Instant placed = Instant.now();
		this.orders
			.place(new PlaceOrder(this.shop.unique("BO-HANG"), email, "Hung", List.of(new PlaceOrder.Line(sku, 1))),
					"test")
			.block(TIMEOUT);
		TestMail.get().await(email, 1, TIMEOUT);
		assertThat(Duration.between(placed, Instant.now())).as("the e-mail's usual pace, not the webhooks'")
			.isLessThan(Duration.ofSeconds(10));
		assertThat(hanging.received()).as("no webhook was answered meanwhile").isEmpty();
		assertThat(hanging.inFlight()).isPositive();
	}

	@Test
	void whenAnEndpointIsDownForAWhileThenItGetsEveryMessageOnceAndEachOrdersInOrder() throws Exception {
		WebhookReceiver erp = receiver();
		register(erp, "order.ship_preference_changed", "order.line.cancelled");
		erp.answer(503);
		String sku = this.shop.product("DOWN", 1000, 0);
		List<OrderView> orders = List.of(this.shop.order("DOWN-A", sku, 1), this.shop.order("DOWN-B", sku, 1));
		int changes = 0;
		for (int round = 0; round < 3; round++) {
			for (OrderView order : orders) {
				ShipPreference preference = (round % 2 == 0) ? ShipPreference.SHIP_COMPLETE
						: ShipPreference.SHIP_WHEN_READY;
				this.choices.setShipPreference(order.number(), preference, "customer").block(TIMEOUT);
				changes++;
			}
		}
		for (OrderView order : orders) {
			this.choices.cancelWaiting(order.number(), order.lines().get(0).id(), CancelReason.STAFF_REQUEST, "rep")
				.block(TIMEOUT);
			changes++;
		}
		// down: the first of each order is tried again and again, the rest wait behind it
		awaitReceived(erp, (all) -> all.size() >= 6);
		assertThat(erp.accepted()).isEmpty();
		erp.answer(200);

		List<WebhookReceiver.Received> got = awaitAccepted(erp, changes);
		Thread.sleep(1000);
		assertThat(erp.accepted()).as("nothing more after everything arrived").hasSize(changes);
		assertThat(got).allSatisfy((one) -> assertThat(one.verified()).isTrue());
		assertThat(got.stream().map(WebhookReceiver.Received::webhookId).distinct().count())
			.as("each message acknowledged once")
			.isEqualTo(changes);
		Map<String, List<Long>> sequence = new HashMap<>();
		for (WebhookReceiver.Received one : got) {
			sequence.computeIfAbsent(one.orderNumber(), (number) -> new ArrayList<>())
				.add(one.data().get("orderEventId").asLong());
		}
		for (OrderView order : orders) {
			assertThat(sequence.get(order.number())).as("order " + order.number() + " in the order it changed")
				.hasSize(4)
				.isSorted();
			assertThat(got.stream()
				.filter((one) -> one.orderNumber().equals(order.number()))
				.map((one) -> one.data().has("after") && one.data().get("after").isString()
						? one.data().get("after").asString() : one.type())
				.toList()).containsExactly("SHIP_COMPLETE", "SHIP_WHEN_READY", "SHIP_COMPLETE", "order.line.cancelled");
		}
		// the failures are in the delivery log, with their status codes
		long endpointId = this.endpoints.list().block(TIMEOUT).get(0).id();
		List<DeliveryLogEntry> log = this.endpoints.log(endpointId, 50).block(TIMEOUT);
		assertThat(log).hasSize(changes).allSatisfy((entry) -> assertThat(entry.status()).isEqualTo("DELIVERED"));
		Map<Long, List<String>> attempts = this.endpoints.attempts(log.stream().map(DeliveryLogEntry::id).toList())
			.block(TIMEOUT);
		assertThat(attempts.values().stream().flatMap(List::stream).toList()).anyMatch((one) -> one.startsWith("503"))
			.anyMatch((one) -> one.startsWith("200"));
	}

	@Test
	void whenOneEndpointIsSlowThenAnotherGetsItsWebhooksWithoutWaiting() throws Exception {
		WebhookReceiver slow = receiver();
		WebhookReceiver fast = receiver();
		// long enough that on a loaded box the fast endpoint still has all its webhooks
		// before the slow one answers its first, and shorter than the response timeout
		// (15 s in the test settings), so that nothing is sent twice
		Duration slowness = Duration.ofSeconds(8);
		slow.delay(slowness);
		register(slow, "order.ship_preference_changed");
		register(fast, "order.ship_preference_changed");
		String sku = this.shop.product("SLOW", 1000, 10);
		List<OrderView> orders = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			orders.add(this.shop.order("SLOW-" + i, sku, 1));
		}
		Map<String, Instant> changed = new HashMap<>();
		for (OrderView order : orders) {
			this.choices.setShipPreference(order.number(), ShipPreference.SHIP_COMPLETE, "customer").block(TIMEOUT);
			changed.put(order.number(), Instant.now());
		}
		List<WebhookReceiver.Received> fastGot = awaitAccepted(fast, orders.size());
		assertThat(slow.accepted()).as("the slow endpoint is still answering its first").isEmpty();
		for (WebhookReceiver.Received one : fastGot) {
			assertThat(Duration.between(changed.get(one.orderNumber()), one.at()))
				.as("from the change to the fast endpoint")
				.isLessThan(slowness);
		}
		List<WebhookReceiver.Received> slowGot = awaitAccepted(slow, orders.size());
		assertThat(slow.mostInFlight()).as("in flight to the slow endpoint at once").isLessThanOrEqualTo(4);
		assertThat(slowGot.stream().map(WebhookReceiver.Received::webhookId).distinct().count())
			.isEqualTo(orders.size());
	}

	@Test
	void whenDeliveriesFailEveryTimeThenTheyAreDeadAndCanBeSentAgain() throws Exception {
		WebhookReceiver erp = receiver();
		register(erp, "order.ship_preference_changed");
		erp.answer(500);
		OrderView order = this.shop.order("DEAD", this.shop.product("DEAD", 1000, 1), 1);
		this.choices.setShipPreference(order.number(), ShipPreference.SHIP_COMPLETE, "customer").block(TIMEOUT);
		long endpointId = this.endpoints.list().block(TIMEOUT).get(0).id();
		DeliveryLogEntry dead = awaitLog(endpointId, (entry) -> entry.dead());
		assertThat(dead.attempts()).isEqualTo(8);
		assertThat(dead.lastStatus()).isEqualTo(500);
		assertThat(erp.received()).hasSize(8);
		Thread.sleep(500);
		assertThat(erp.received()).as("nothing after it is dead").hasSize(8);

		erp.answer(204);
		StepVerifier.create(this.endpoints.redeliver(endpointId, dead.id(), "admin")).expectComplete().verify(TIMEOUT);
		List<WebhookReceiver.Received> got = awaitAccepted(erp, 1);
		assertThat(got.get(0).webhookId()).as("the same message").isEqualTo(dead.webhookId());
		assertThat(awaitLog(endpointId, (entry) -> entry.status().equals("DELIVERED")).attempts()).isEqualTo(1);
		assertThat(this.shop.count("select count(*) from audit_entry where action = 'WEBHOOK_REDELIVERED' "
				+ "and subject = 'webhook endpoint " + endpointId + "'"))
			.isEqualTo(1);
	}

	@Test
	void theApiCreatesListsSwitchesTestsAndDeletesEndpointsAndShowsTheSecretOnce() throws Exception {
		WebhookReceiver erp = receiver();
		Map<String, Object> created = this.http.post()
			.uri("/api/v1/webhooks")
			.header("Authorization", "Bearer test-api-key")
			.bodyValue(Map.of("url", erp.url(), "eventTypes", List.of("shipment.recorded", "refund.due"), "description",
					"ERP"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", ".*/api/v1/webhooks/\\d+")
			.expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		long id = ((Number) created.get("id")).longValue();
		assertThat((String) created.get("secret")).matches("whsec_[A-Za-z0-9+/=]{44}");
		erp.secret((String) created.get("secret"));
		api().get()
			.uri("/api/v1/webhooks/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.secret")
			.doesNotExist()
			.jsonPath("$.eventTypes[0]")
			.isEqualTo("shipment.recorded")
			.jsonPath("$.active")
			.isEqualTo(true);
		api().get()
			.uri("/api/v1/webhooks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].secret")
			.doesNotExist();

		api().post().uri("/api/v1/webhooks/{id}/test", id).exchange().expectStatus().isAccepted();
		List<WebhookReceiver.Received> got = awaitAccepted(erp, 1);
		assertThat(got.get(0).type()).isEqualTo("webhook.test");
		assertThat(got.get(0).verified()).isTrue();

		api().patch()
			.uri("/api/v1/webhooks/{id}", id)
			.bodyValue(Map.of("active", false, "version", 0))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.active")
			.isEqualTo(false);
		api().patch()
			.uri("/api/v1/webhooks/{id}", id)
			.bodyValue(Map.of("active", true, "version", 0))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT);
		api().delete().uri("/api/v1/webhooks/{id}", id).exchange().expectStatus().isNoContent();
		api().get().uri("/api/v1/webhooks/{id}", id).exchange().expectStatus().isNotFound();
		api().delete().uri("/api/v1/webhooks/{id}", id).exchange().expectStatus().isNotFound();
		assertThat(this.shop.count("select count(*) from audit_entry where subject = 'webhook endpoint " + id + "'"))
			.isEqualTo(4);
	}

	@Test
	void theApiRefusesAddressesThatReachThisServerOrAPrivateNetworkAndUnknownEvents() {
		for (String url : List.of("http://erp.example.com/hooks", "https://10.1.2.3/hooks",
				"https://169.254.169.254/latest/meta-data", "https://[fd00::1]/hooks", "https://192.168.0.10/x",
				"https://intranet/hooks", "https://erp.internal/hooks", "ftp://erp.example.com/x",
				"https://user:pass@erp.example.com/x", "javascript:alert(1)")) {
			api().post()
				.uri("/api/v1/webhooks")
				.bodyValue(Map.of("url", url, "eventTypes", List.of("refund.due")))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("url");
		}
		api().post()
			.uri("/api/v1/webhooks")
			.bodyValue(Map.of("url", "https://erp.example.com/hooks", "eventTypes", List.of("refund.due", "nope")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("eventTypes[1]");
		api().post()
			.uri("/api/v1/webhooks")
			.bodyValue(Map.of("url", "https://erp.example.com/hooks"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("eventTypes");
		assertThat(this.endpoints.list().block(TIMEOUT)).isEmpty();
	}

	private WebTestClient api() {
		return this.http.mutate().defaultHeader("Authorization", "Bearer test-api-key").build();
	}

	private WebhookReceiver receiver() throws java.io.IOException {
		WebhookReceiver receiver = new WebhookReceiver();
		this.receivers.add(receiver);
		return receiver;
	}

	private String register(WebhookReceiver receiver, String... types) {
		CreatedEndpoint created = this.endpoints.create(receiver.url(), List.of(types), "", "test").block(TIMEOUT);
		receiver.secret(created.secret());
		return created.secret();
	}

	private static List<WebhookReceiver.Received> awaitAccepted(WebhookReceiver receiver, int count)
			throws InterruptedException {
		awaitReceived(receiver, (all) -> receiver.accepted().size() >= count);
		return receiver.accepted();
	}

	private static void awaitReceived(WebhookReceiver receiver, Predicate<List<WebhookReceiver.Received>> done)
			throws InterruptedException {
		Instant until = Instant.now().plus(TIMEOUT);
		while (!done.test(receiver.received())) {
			if (Instant.now().isAfter(until)) {
				throw new AssertionError("Not received in time; got " + receiver.received()
					.stream()
					.map((one) -> one.status() + " " + one.body())
					.collect(Collectors.joining("\n")));
			}
			Thread.sleep(50);
		}
	}

	private DeliveryLogEntry awaitLog(long endpointId, Predicate<DeliveryLogEntry> done) throws InterruptedException {
		Instant until = Instant.now().plus(TIMEOUT);
		while (true) {
			List<DeliveryLogEntry> log = this.endpoints.log(endpointId, 10).block(TIMEOUT);
			for (DeliveryLogEntry entry : log) {
				if (done.test(entry)) {
					return entry;
				}
			}
			if (Instant.now().isAfter(until)) {
				throw new AssertionError("Log never showed it: " + log);
			}
			Thread.sleep(100);
		}
	}

}
