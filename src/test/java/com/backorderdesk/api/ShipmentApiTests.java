package com.backorderdesk.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording shipments through the JSON API: the order's status back, retries that ship
 * nothing, and problems that name the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ShipmentApiTests {

	@Autowired
	private WebTestClient http;

	private final TestShop shop;

	ShipmentApiTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenAShipmentIsPostedThenCreatedWithTheOrderStatusAndARetryShipsNothing() {
		String sku = this.shop.product("S", 1000, 5);
		OrderView order = this.shop.order("S", sku, 3);
		Map<String, Object> body = shipment("SH-1", sku, 2);
		post(order.number(), body).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.number")
			.isEqualTo(order.number())
			.jsonPath("$.lines[0].shipped")
			.isEqualTo(2)
			.jsonPath("$.lines[0].allocated")
			.isEqualTo(1)
			.jsonPath("$.lines[0].status")
			.isEqualTo("ALLOCATED");
		post(order.number(), body).expectStatus().isOk().expectBody().jsonPath("$.lines[0].shipped").isEqualTo(2);
		post(order.number(), shipment("SH-2", sku, 1)).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.lines[0].shipped")
			.isEqualTo(3)
			.jsonPath("$.lines[0].status")
			.isEqualTo("SHIPPED");
		assertThat(this.shop.count("select on_hand from stock where sku = '" + sku + "'")).isEqualTo(2);
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "ITEMS_SHIPPED", "ITEMS_SHIPPED");
	}

	@Test
	void whenAShipmentIsWrongThenAProblemNamesTheFieldAndNothingShips() {
		String sku = this.shop.product("W", 1000, 2);
		this.shop.restock(sku, 10, LocalDate.now().plusDays(10));
		OrderView order = this.shop.order("W", sku, 4);
		problem(post(this.shop.unique("NOPE"), shipment("SH-1", sku, 1)), HttpStatus.NOT_FOUND).jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains(this.shop.unique("NOPE")));
		problem(post(order.number(), shipment("SH-1", this.shop.unique("OTHER"), 1)), HttpStatus.UNPROCESSABLE_CONTENT)
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[0].sku");
		problem(post(order.number(), shipment("SH-1", sku, 3)), HttpStatus.UNPROCESSABLE_CONTENT)
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[0].quantity")
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("Only 2", "allocated", "asked to ship 3"));
		problem(post(order.number(), shipment("SH-1", sku, 0)), HttpStatus.BAD_REQUEST).jsonPath("$.errors[0].field")
			.isEqualTo("lines[0].quantity");
		problem(post(order.number(), Map.of("lines", List.of(Map.of("sku", sku, "quantity", 1)))),
				HttpStatus.BAD_REQUEST)
			.jsonPath("$.errors[0].field")
			.isEqualTo("shipmentId");
		problem(post(order.number(), Map.of("shipmentId", "SH-1", "lines", List.of())), HttpStatus.BAD_REQUEST)
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines");
		problem(post(order.number(),
				Map.of("shipmentId", "SH-1", "lines",
						List.of(Map.of("sku", sku, "quantity", 1), Map.of("sku", sku, "quantity", 1)))),
				HttpStatus.UNPROCESSABLE_CONTENT)
			.jsonPath("$.errors[0].field")
			.isEqualTo("lines[1].sku");
		assertThat(this.shop.line(order.number(), sku).shipped()).isZero();
		assertThat(this.shop.count("select on_hand from stock where sku = '" + sku + "'")).isEqualTo(2);
		assertThat(this.shop.count("select count(*) from shipment where order_id = " + order.id())).isZero();
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED");
	}

	private WebTestClient.ResponseSpec post(String number, Map<String, ?> body) {
		return this.http.post()
			.uri("/api/v1/orders/{number}/shipments", number)
			.header("Authorization", "Bearer test-api-key")
			.bodyValue(body)
			.exchange();
	}

	private static WebTestClient.BodyContentSpec problem(WebTestClient.ResponseSpec response, HttpStatus status) {
		return response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody();
	}

	private static Map<String, Object> shipment(String shipmentId, String sku, int quantity) {
		return Map.of("shipmentId", shipmentId, "lines", List.of(Map.of("sku", sku, "quantity", quantity)));
	}

}
