package com.backorderdesk.api;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.ShipPreference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API end to end: HTTP, security, services and PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OrderApiTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private OrderService orders;

	@Autowired
	private OrderChoices choices;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@Test
	void whenKeyIsMissingOrWrongThenUnauthorizedProblem() {
		this.http.get()
			.uri("/api/v1/orders/ANY")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
		this.http.get()
			.uri("/api/v1/orders/ANY")
			.header("Authorization", "Bearer wrong-key")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void whenOrderIsPlacedThenEachLineIsAllocatedScheduledOrLeftWithoutDate() {
		String partial = product("P");
		String none = product("N");
		stock(partial, 3);
		long restock = restock(partial, 5, LocalDate.now().plusDays(10));
		String number = "T-" + this.run;
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(order(number, Map.of("sku", partial, "quantity", 5, "unitPriceCents", 890),
					Map.of("sku", none, "quantity", 1)))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", ".*/api/v1/orders/" + number)
			.expectBody()
			.jsonPath("$.number")
			.isEqualTo(number)
			.jsonPath("$.lines[0].unitPriceCents")
			.isEqualTo(890)
			.jsonPath("$.lines[1].unitPriceCents")
			.isEqualTo(1000)
			.jsonPath("$.lines[1].currency")
			.isEqualTo("EUR")
			.jsonPath("$.lines[0].status")
			.isEqualTo("PARTIALLY_ALLOCATED")
			.jsonPath("$.lines[0].allocated")
			.isEqualTo(3)
			.jsonPath("$.lines[0].scheduled")
			.isEqualTo(2)
			.jsonPath("$.lines[0].unscheduled")
			.isEqualTo(0)
			.jsonPath("$.lines[0].eta.earliest")
			.isEqualTo(LocalDate.now().plusDays(14).toString())
			.jsonPath("$.lines[0].eta.latest")
			.isEqualTo(LocalDate.now().plusDays(17).toString())
			.jsonPath("$.lines[1].status")
			.isEqualTo("OUT_OF_STOCK")
			.jsonPath("$.lines[1].unscheduled")
			.isEqualTo(1)
			.jsonPath("$.lines[1].eta")
			.isEmpty();
		assertThat(events(number)).containsExactly("ORDER_PLACED");
		assertThat(restock).isPositive();
	}

	@Test
	void whenSameNumberIsPostedAgainThenStoredOrderIsReturnedAndNothingIsCreated() {
		String sku = product("I");
		stock(sku, 10);
		String number = "T-" + this.run;
		Map<String, Object> body = order(number, Map.of("sku", sku, "quantity", 2));
		api().post().uri("/api/v1/orders").bodyValue(body).exchange().expectStatus().isCreated();
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.lines.length()")
			.isEqualTo(1)
			.jsonPath("$.lines[0].quantity")
			.isEqualTo(2);
		assertThat(count("select count(*) from customer_order where number = '" + number + "'")).isEqualTo(1);
		assertThat(count("select sum(allocated) from order_line where sku = '" + sku + "'")).isEqualTo(2);
		assertThat(events(number)).containsExactly("ORDER_PLACED");
	}

	@Test
	void whenSameNumberIsPostedWithAnotherBodyThenConflictNamesTheFieldsThatDiffer() {
		String sku = product("D");
		stock(sku, 10);
		String number = "T-" + this.run;
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(order(number, Map.of("sku", sku, "quantity", 2)))
			.exchange()
			.expectStatus()
			.isCreated();
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(order(number, Map.of("sku", sku, "quantity", 7)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.differences.length()")
			.isEqualTo(1)
			.jsonPath("$.differences[0]")
			.isEqualTo("lines[0].quantity")
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[0].quantity")
			.jsonPath("$.current.lines[0].quantity")
			.isEqualTo(2);
		assertThat(count("select sum(quantity) from order_line where sku = '" + sku + "'")).isEqualTo(2);
		assertThat(events(number)).containsExactly("ORDER_PLACED");
	}

	@Test
	void whenTwentyOrdersRaceForFiveUnitsThenExactlyFiveAreAllocated() {
		String sku = product("R");
		stock(sku, 5);
		Flux<Boolean> placed = Flux.range(0, 20)
			.flatMap((i) -> this.orders
				.place(new PlaceOrder("R-" + this.run + "-" + i, "race" + i + "@example.com", "Racer " + i,
						List.of(new PlaceOrder.Line(sku, 1))), "test")
				.map((p) -> p.created()), 20);
		StepVerifier.create(placed.filter(Boolean::booleanValue).count())
			.expectNext(20L)
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		assertThat(count("select sum(allocated) from order_line where sku = '" + sku + "'")).isEqualTo(5);
		assertThat(count("select count(*) from order_line where sku = '" + sku + "' and allocated = 1")).isEqualTo(5);
		assertThat(count("select count(*) from order_line where sku = '" + sku + "' and allocated = 0")).isEqualTo(15);
	}

	@Test
	void whenLineIsInvalidThenProblemNamesTheFieldAndNothingIsStored() {
		String sku = product("V");
		String number = "T-" + this.run;
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(Map.of("number", number, "customer", Map.of("email", "not-an-email", "name", "X"), "lines",
					List.of(Map.of("quantity", 0))))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'lines[0].sku')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'lines[0].quantity')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'customer.email')]")
			.exists();
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(order(number, Map.of("sku", sku, "quantity", 1),
					Map.of("sku", "NO-SUCH-" + this.run, "quantity", 1)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[1].sku");
		assertThat(count("select count(*) from customer_order where number = '" + number + "'")).isZero();
		assertThat(count("select count(*) from order_line where sku = '" + sku + "'")).isZero();
	}

	@Test
	void whenBodyIsMalformedThenBadRequestProblemNeverServerError() {
		api().post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"number\": \"X\", \"lines\": [")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		api().post()
			.uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"number\": \"X\", \"customer\": {\"email\": \"a@b.c\", \"name\": \"A\"},"
					+ " \"lines\": [{\"sku\": \"A\", \"quantity\": \"many\"}]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[0].quantity");
		api().patch()
			.uri("/api/v1/restocks/1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"status\": \"SOMEDAY\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("status");
		api().put()
			.uri("/api/v1/stock/{sku}", "bad sku!")
			.bodyValue(Map.of("onHand", 1))
			.exchange()
			.expectStatus()
			.is4xxClientError();
		api().post()
			.uri("/api/v1/orders")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
	}

	@Test
	void whenOrderIsUnknownThenNotFoundProblem() {
		api().get()
			.uri("/api/v1/orders/NOPE-" + this.run)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void whenRestockSlipsOrStockArrivesThenWaitingOrdersChangeAndGetEvents() {
		String sku = product("S");
		long restock = restock(sku, 4, LocalDate.now().plusDays(7));
		String number = "T-" + this.run;
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(order(number, Map.of("sku", sku, "quantity", 2)))
			.exchange()
			.expectStatus()
			.isCreated();
		api().patch()
			.uri("/api/v1/restocks/{id}", restock)
			.bodyValue(Map.of("expectedOn", LocalDate.now().plusDays(20).toString()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.expectedOn")
			.isEqualTo(LocalDate.now().plusDays(20).toString())
			.jsonPath("$.promisedOn")
			.isEqualTo(LocalDate.now().plusDays(7).toString());
		api().get()
			.uri("/api/v1/orders/{number}", number)
			.exchange()
			.expectBody()
			.jsonPath("$.lines[0].status")
			.isEqualTo("BACKORDERED")
			.jsonPath("$.lines[0].eta.earliest")
			.isEqualTo(LocalDate.now().plusDays(24).toString());
		stock(sku, 2);
		api().get()
			.uri("/api/v1/orders/{number}", number)
			.exchange()
			.expectBody()
			.jsonPath("$.lines[0].status")
			.isEqualTo("ALLOCATED")
			.jsonPath("$.lines[0].eta")
			.isEmpty();
		assertThat(events(number)).containsExactly("ORDER_PLACED", "LINES_REPLANNED", "DELAY_NOTICED",
				"LINES_REPLANNED");
	}

	@Test
	void whenRestockIsChangedFromAStaleVersionThenConflictAndNothingChanges() {
		String sku = product("C");
		long restock = restock(sku, 4, LocalDate.now().plusDays(7));
		api().patch()
			.uri("/api/v1/restocks/{id}", restock)
			.bodyValue(Map.of("quantity", 6, "version", 0))
			.exchange()
			.expectStatus()
			.isOk();
		api().patch()
			.uri("/api/v1/restocks/{id}", restock)
			.bodyValue(Map.of("quantity", 9, "version", 0))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.current.quantity")
			.isEqualTo(6);
	}

	@Test
	void whenProductIsPutTwiceThenItIsCreatedThenReplaced() {
		String sku = "U-" + this.run;
		Map<String, Object> body = Map.of("name", "Lamp", "category", "Lighting", "priceCents", 1999, "currency",
				"EUR");
		api().put().uri("/api/v1/products/{sku}", sku).bodyValue(body).exchange().expectStatus().isCreated();
		api().put()
			.uri("/api/v1/products/{sku}", sku)
			.bodyValue(Map.of("name", "Brass Lamp", "category", "Lighting", "priceCents", 2499, "currency", "EUR",
					"attributes", Map.of("colour", "brass")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Brass Lamp");
		api().put()
			.uri("/api/v1/products/{sku}", sku)
			.bodyValue(Map.of("name", "", "category", "Lighting", "priceCents", -1, "currency", "euro"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(3);
	}

	@Test
	void whenAnOrderNamesTheCustomersLanguageThenTheSupportedOneIsStoredAndABadTagIsRefused() {
		String sku = product("L");
		stock(sku, 5);
		Map<String, Object> german = new java.util.HashMap<>(
				order("DE-" + this.run, Map.of("sku", sku, "quantity", 1)));
		german.put("locale", "de-AT");
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(german)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.locale")
			.isEqualTo("de");
		api().get().uri("/api/v1/orders/DE-" + this.run).exchange().expectBody().jsonPath("$.locale").isEqualTo("de");
		Map<String, Object> french = new java.util.HashMap<>(
				order("FR-" + this.run, Map.of("sku", sku, "quantity", 1)));
		french.put("locale", "fr");
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(french)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.locale")
			.isEmpty();
		Map<String, Object> broken = new java.util.HashMap<>(
				order("XX-" + this.run, Map.of("sku", sku, "quantity", 1)));
		broken.put("locale", "de_AT!");
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(broken)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("locale");
		assertThat(count("select count(*) from customer_order where number = 'XX-" + this.run + "'")).isZero();
	}

	@Test
	void whenTheStorefrontSaysShipEverythingTogetherThenTheOrderKeepsItAndASplitShipmentIsRefused() {
		String sku = product("C");
		String waiting = product("W");
		stock(sku, 5);
		String number = "SC-" + this.run;
		Map<String, Object> together = new java.util.HashMap<>(
				order(number, Map.of("sku", sku, "quantity", 1), Map.of("sku", waiting, "quantity", 1)));
		together.put("shipPreference", "SHIP_COMPLETE");
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(together)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.shipPreference")
			.isEqualTo("SHIP_COMPLETE");
		// a retry without the field is the same order; with the other value it is not
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(order(number, Map.of("sku", sku, "quantity", 1), Map.of("sku", waiting, "quantity", 1)))
			.exchange()
			.expectStatus()
			.isOk();
		together.put("shipPreference", "SHIP_WHEN_READY");
		assertDiffersIn(together, "shipPreference");
		// the warehouse may not split it without saying so
		api().post()
			.uri("/api/v1/orders/{number}/shipments", number)
			.bodyValue(Map.of("shipmentId", "S-" + this.run, "lines", List.of(Map.of("sku", sku, "quantity", 1))))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("overrideShipPreference");
		together.put("number", "SX-" + this.run);
		together.put("shipPreference", "SHIP_SOMETIME");
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(together)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("shipPreference");
		assertThat(count("select count(*) from customer_order where number = 'SX-" + this.run + "'")).isZero();
		assertThat(count("select count(*) from customer_order where number = '" + number
				+ "' and ship_preference = 'SHIP_COMPLETE'"))
			.isEqualTo(1);
	}

	@Test
	void whenTheCustomerChangedTheShipPreferenceSinceThenTheStorefrontsRetryIsStillTheSameOrder() {
		String sku = product("R");
		stock(sku, 5);
		String number = "SR-" + this.run;
		Map<String, Object> together = new java.util.HashMap<>(order(number, Map.of("sku", sku, "quantity", 2)));
		together.put("shipPreference", "SHIP_COMPLETE");
		api().post().uri("/api/v1/orders").bodyValue(together).exchange().expectStatus().isCreated();
		// on the order page, the customer asks to have what is ready now
		StepVerifier.create(this.choices.setShipPreference(number, ShipPreference.SHIP_WHEN_READY, "customer"))
			.expectNext(true)
			.verifyComplete();
		// the storefront, unsure its first request arrived, sends it again
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(together)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.shipPreference")
			.isEqualTo("SHIP_WHEN_READY");
		// a request the order was not placed with is still another order
		together.put("shipPreference", "SHIP_WHEN_READY");
		assertDiffersIn(together, "shipPreference");
		assertThat(count("select count(*) from customer_order where number = '" + number
				+ "' and ship_preference = 'SHIP_WHEN_READY'"))
			.isEqualTo(1);
	}

	/** Posting this body again is a 409 whose first difference is the field. */
	private void assertDiffersIn(Map<String, Object> body, String field) {
		api().post()
			.uri("/api/v1/orders")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.differences[0]")
			.isEqualTo(field);
	}

	private WebTestClient api() {
		return this.http.mutate().defaultHeader("Authorization", "Bearer test-api-key").build();
	}

	private String product(String prefix) {
		String sku = prefix + "-" + this.run;
		api().put()
			.uri("/api/v1/products/{sku}", sku)
			.bodyValue(Map.of("name", "Product " + sku, "category", "Test", "priceCents", 1000, "currency", "EUR"))
			.exchange()
			.expectStatus()
			.isCreated();
		return sku;
	}

	private void stock(String sku, int onHand) {
		api().put()
			.uri("/api/v1/stock/{sku}", sku)
			.bodyValue(Map.of("onHand", onHand))
			.exchange()
			.expectStatus()
			.isOk();
	}

	private long restock(String sku, int quantity, LocalDate expectedOn) {
		Map<?, ?> created = api().post()
			.uri("/api/v1/restocks")
			.bodyValue(Map.of("sku", sku, "supplier", "Test Supplier " + this.run, "quantity", quantity, "expectedOn",
					expectedOn.toString()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((Number) created.get("id")).longValue();
	}

	private static Map<String, Object> order(String number, Map<?, ?>... lines) {
		return Map.of("number", number, "customer", Map.of("email", "test@example.com", "name", "Test Customer"),
				"lines", List.of(lines));
	}

	private long count(String sql) {
		Long value = this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
		return (value != null) ? value : 0;
	}

	private List<String> events(String number) {
		return this.db.sql("""
				select e.type from order_event e join customer_order o on o.id = e.order_id
				where o.number = :number order by e.id
				""").bind("number", number).map((row) -> row.get(0, String.class)).all().collectList().block();
	}

}
