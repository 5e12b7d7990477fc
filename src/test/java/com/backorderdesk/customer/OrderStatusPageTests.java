package com.backorderdesk.customer;

import java.time.LocalDate;
import java.util.Locale;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.backorderdesk.orders.LineWording;

import com.backorderdesk.Browser;
import com.backorderdesk.orders.NewShipment;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.Shipments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a customer reads on their order's page: a summary, each line in words with split
 * quantities and windows, and the timeline, newest first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(PortalFixtures.class)
class OrderStatusPageTests {

	private static final String EMAIL = "grace@example.com";

	@Autowired
	private WebTestClient http;

	@Autowired
	private OrderService orders;

	@Autowired
	private LineWording dates;

	@Autowired
	private Shipments shipments;

	@Autowired
	private PortalFixtures fixtures;

	@Test
	void whenLinesAreInStockBackorderedAndOutOfStockThenEachSaysSoInWords() {
		LocalDate today = this.dates.today();
		String lamp = this.fixtures.product("Arc Lamp", 3);
		String chair = this.fixtures.product("Task Chair", 1);
		this.fixtures.restock(chair, 10, today.plusDays(10));
		String kettle = this.fixtures.product("Stovetop Kettle", 0);
		OrderView order = this.fixtures.order(EMAIL, lamp, 1, chair, 3, kettle, 1);
		String page = open(order);
		assertThat(page).contains("Arc Lamp", "In stock, being prepared.");
		assertThat(page).contains("Task Chair", "Partly in stock",
				"1 ready now, 2 arrive " + this.dates.window(order.lines().get(1).eta(), Locale.ENGLISH) + ".");
		assertThat(page).contains("Stovetop Kettle", "Out of stock, no restock date yet.");
		assertThat(page).contains("2 of 5 items are ready to ship; 2 expected "
				+ this.dates.window(order.lines().get(1).eta(), Locale.ENGLISH) + ", 1 without a restock date yet.");
		assertThat(page).contains("Order placed");
	}

	@Test
	void whenTheRestockSlipsThenTheLineShowsTheNewWindowWhatItWasAndTheTimelineSaysSoFirst() {
		LocalDate today = this.dates.today();
		String desk = this.fixtures.product("Standing Desk", 0);
		long restock = this.fixtures.restock(desk, 5, today.plusDays(7));
		OrderView before = this.fixtures.order(EMAIL, desk, 2);
		this.fixtures.moveRestock(restock, today.plusDays(21));
		OrderView after = this.orders.find(before.number()).block(PortalFixtures.TIMEOUT);
		String oldWindow = this.dates.window(before.lines().get(0).eta(), Locale.ENGLISH);
		String newWindow = this.dates.window(after.lines().get(0).eta(), Locale.ENGLISH);
		String page = open(after);
		assertThat(page).contains(
				"Backordered, arrives between " + this.dates.date(after.lines().get(0).eta().earliest(), Locale.ENGLISH)
						+ " and " + this.dates.date(after.lines().get(0).eta().latest(), Locale.ENGLISH) + ".");
		assertThat(page).contains("Was " + oldWindow + "; changed ");
		assertThat(page).contains("All 2 items are backordered and expected " + newWindow + ".");
		String timeline = page.substring(page.indexOf("id=\"order-timeline\""));
		assertThat(timeline.indexOf("Delivery window changed")).isLessThan(timeline.indexOf("Order placed"));
		assertThat(timeline).contains("The supplier changed their delivery.",
				"Standing Desk: now expected " + newWindow + " (was " + oldWindow + ").");
	}

	@Test
	void whenStockArrivesForAWaitingLineThenItIsReadyAndTheTimelineSaysSo() {
		String vase = this.fixtures.product("Glass Vase", 0);
		OrderView order = this.fixtures.order(EMAIL, vase, 1);
		assertThat(open(order)).contains("Your item has no restock date yet.");
		this.fixtures.setOnHand(vase, 4);
		String page = open(order);
		assertThat(page).contains("Your item is ready to ship.", "Item status changed", "Our stock was updated.",
				"Glass Vase: In stock, being prepared.");
	}

	@Test
	void whenItemsShipThenTheLineSaysHowManyShippedAndTheTimelineSaysWhatShipped() {
		String lamp = this.fixtures.product("Brass Lamp", 5);
		OrderView order = this.fixtures.order(EMAIL, lamp, 3);
		ship(order, "SH-1", lamp, 2);
		String page = open(order);
		assertThat(page).contains("2 already shipped. In stock, being prepared.", "Your item is ready to ship.");
		String timeline = page.substring(page.indexOf("id=\"order-timeline\""));
		assertThat(timeline).contains("Items shipped", "Brass Lamp: 2 shipped, on its way to you.");
		assertThat(timeline.indexOf("Items shipped")).isLessThan(timeline.indexOf("Order placed"));
		ship(order, "SH-2", lamp, 1);
		page = open(order);
		assertThat(page).contains("Shipped", "Everything in this order has shipped.",
				"Brass Lamp: 1 shipped, on its way to you.");
	}

	private void ship(OrderView order, String shipmentId, String sku, int quantity) {
		this.shipments
			.ship(order.number(), new NewShipment(shipmentId, List.of(new NewShipment.Line(sku, quantity))), "test")
			.block(PortalFixtures.TIMEOUT);
	}

	private String open(OrderView order) {
		Browser browser = PortalFixtures.browser(this.http);
		assertThat(browser.lookUp(order.number(), EMAIL).status()).isEqualTo(HttpStatus.SEE_OTHER);
		Browser.Page page = browser.get("/orders/" + order.number());
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		return page.body();
	}

}
