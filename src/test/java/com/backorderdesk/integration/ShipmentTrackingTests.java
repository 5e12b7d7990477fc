package com.backorderdesk.integration;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.backorderdesk.Browser;
import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.ShipPreference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shipments with tracking through the API: what the customer's page and e-mail show, what
 * the warehouse's webhook carries, and the customer's choice to ship everything together,
 * which refuses a shipment that would split the order unless it is overridden.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class ShipmentTrackingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private OrderService orders;

	@Autowired
	private OrderChoices choices;

	@Autowired
	private WebhookEndpoints endpoints;

	private final TestShop shop;

	private WebhookReceiver receiver;

	ShipmentTrackingTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
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
		for (WebhookEndpoint endpoint : this.endpoints.list().block(TIMEOUT)) {
			this.endpoints.delete(endpoint.id(), "test").block(TIMEOUT);
		}
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@Test
	void whenAShipmentCarriesTrackingThenThePageTheEmailAndTheWebhookShowIt() throws Exception {
		this.receiver = new WebhookReceiver();
		CreatedEndpoint created = this.endpoints
			.create(this.receiver.url(), List.of("shipment.recorded"), "warehouse", "test")
			.block(TIMEOUT);
		this.receiver.secret(created.secret());
		String lamp = this.shop.product("TRACK", 1999, 5);
		String email = this.shop.unique("track") + "@example.com";
		String number = this.shop.unique("BO-TRACK");
		this.orders.place(new PlaceOrder(number, email, "Ada Lovelace", List.of(new PlaceOrder.Line(lamp, 2))), "test")
			.block(TIMEOUT);
		TestMail.get().await(email, 1, TIMEOUT);

		ship(number,
				Map.of("shipmentId", "SH-1", "lines", List.of(Map.of("sku", lamp, "quantity", 2)), "carrier", "DHL",
						"trackingNumber", "JD014600006281230704", "trackingUrl",
						"https://www.dhl.com/track?id=JD014600006281230704"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.shipPreference")
			.isEqualTo("SHIP_WHEN_READY");

		Browser customer = Browser.of(this.http);
		customer.lookUp(number, email);
		String page = customer.get("/orders/" + number).body();
		assertThat(page).contains("Shipments", "2 × Product " + lamp, "DHL, tracking number JD014600006281230704",
				"href=\"https://www.dhl.com/track?id=JD014600006281230704\"");
		String mail = RefundTests.text(TestMail.get().await(email, 2, TIMEOUT).get(1));
		assertThat(mail).contains("Shipment SH-1: sent with DHL, tracking number JD014600006281230704.",
				"Track shipment SH-1: https://www.dhl.com/track?id=JD014600006281230704");

		Instant until = Instant.now().plus(TIMEOUT);
		while (this.receiver.accepted().isEmpty() && Instant.now().isBefore(until)) {
			Thread.sleep(50);
		}
		WebhookReceiver.Received shipped = this.receiver.accepted().get(0);
		assertThat(shipped.verified()).isTrue();
		JsonNode data = shipped.data();
		assertThat(shipped.type()).isEqualTo("shipment.recorded");
		assertThat(data.get("shipmentId").asString()).isEqualTo("SH-1");
		assertThat(data.get("carrier").asString()).isEqualTo("DHL");
		assertThat(data.get("trackingNumber").asString()).isEqualTo("JD014600006281230704");
		assertThat(data.get("trackingUrl").asString()).startsWith("https://www.dhl.com/");
		assertThat(data.get("items").get(0).get("quantity").asInt()).isEqualTo(2);
		assertThat(data.get("order").get("shipPreference").asString()).isEqualTo("SHIP_WHEN_READY");
	}

	@Test
	void whenTheCustomerWantsEverythingTogetherThenASplittingShipmentIsRefusedUnlessOverriddenAndAudited() {
		String ready = this.shop.product("TOGETHER", 1000, 1);
		String waiting = this.shop.product("TOGETHER-LATE", 1000, 0);
		this.shop.restock(waiting, 5, LocalDate.now().plusDays(10));
		String number = this.shop.unique("BO-TOGETHER");
		this.orders
			.place(new PlaceOrder(number, "together@example.com", "Ada",
					List.of(new PlaceOrder.Line(ready, 1), new PlaceOrder.Line(waiting, 1))), "test")
			.block(TIMEOUT);
		this.choices.setShipPreference(number, ShipPreference.SHIP_COMPLETE, "customer").block(TIMEOUT);
		this.http.get()
			.uri("/api/v1/orders/{number}", number)
			.header("Authorization", "Bearer test-api-key")
			.exchange()
			.expectBody()
			.jsonPath("$.shipPreference")
			.isEqualTo("SHIP_COMPLETE");

		Map<String, Object> split = Map.of("shipmentId", "SH-1", "lines", List.of(Map.of("sku", ready, "quantity", 1)));
		ship(number, split).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.shipPreference")
			.isEqualTo("SHIP_COMPLETE")
			.jsonPath("$.unitsLeft")
			.isEqualTo(1)
			.jsonPath("$.errors[0].field")
			.isEqualTo("overrideShipPreference")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("SHIP_COMPLETE", "overrideShipPreference"));
		OrderView unchanged = this.shop.find(number);
		assertThat(unchanged.lines().get(0).shipped()).isZero();
		assertThat(this.shop.events(number)).doesNotContain("ITEMS_SHIPPED");

		Map<String, Object> overridden = new java.util.HashMap<>(split);
		overridden.put("overrideShipPreference", true);
		ship(number, overridden).expectStatus().isCreated().expectBody().jsonPath("$.lines[0].shipped").isEqualTo(1);
		assertThat(this.shop.count("select count(*) from audit_entry where action = 'SHIP_PREFERENCE_OVERRIDDEN' "
				+ "and subject = 'order " + number + "' and actor = 'api:key-1'"))
			.isEqualTo(1);
		assertThat(this.shop.text("select ship_preference_overridden::text from shipment s join customer_order o "
				+ "on o.id = s.order_id where o.number = '" + number + "'"))
			.isEqualTo("true");
		// a retry of the same shipment ships nothing and needs no override
		ship(number, split).expectStatus().isOk();
	}

	@Test
	void whenTrackingIsMalformedThenTheProblemNamesTheFieldAndNothingShips() {
		String sku = this.shop.product("BADTRACK", 1000, 3);
		OrderView order = this.shop.order("BADTRACK", sku, 1);
		for (Map.Entry<String, String> bad : List.of(Map.entry("trackingUrl", "javascript:alert(1)"),
				Map.entry("trackingUrl", "ftp://carrier.example.com/1"), Map.entry("trackingUrl", "https://"),
				Map.entry("carrier", "x".repeat(101)), Map.entry("trackingNumber", "1Z\u0000"))) {
			ship(order.number(),
					Map.of("shipmentId", "SH-1", "lines", List.of(Map.of("sku", sku, "quantity", 1)), bad.getKey(),
							bad.getValue()))
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo(bad.getKey());
		}
		assertThat(this.shop.line(order.number(), sku).shipped()).isZero();
	}

	private WebTestClient.ResponseSpec ship(String number, Map<String, ?> body) {
		return this.http.post()
			.uri("/api/v1/orders/{number}/shipments", number)
			.header("Authorization", "Bearer test-api-key")
			.bodyValue(body)
			.exchange();
	}

}
