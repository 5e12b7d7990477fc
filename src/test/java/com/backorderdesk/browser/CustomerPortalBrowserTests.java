package com.backorderdesk.browser;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a customer sees of the portal in a real browser: the order lookup, the order page
 * and its live updates, accessibility, and how both pages look on a desktop and a phone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CustomerPortalBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// The portal writes dates as "Jan 12" (ShopDates), the year only when it is not this
	// one
	private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

	private static final String EMAIL = "ada@example.com";

	private static Chromium chromium;

	@LocalServerPort
	private int port;

	@Autowired
	private WebTestClient http;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private OrderService orders;

	@Autowired
	private Clock clock;

	private BrowserContext context;

	private Page page;

	@BeforeAll
	static void launchChromium() {
		chromium = Chromium.launch();
	}

	@AfterAll
	static void closeChromium() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@BeforeEach
	void openContext() {
		this.context = chromium.newContext(baseUrl());
		this.page = this.context.newPage();
	}

	@AfterEach
	void closeContext() {
		this.context.close();
		chromium.assertPagesWereClean();
	}

	@Test
	void whenCustomerLooksUpTheirOrderThenTheOrderPageShowsReadyBackorderedAndOutOfStockLines() {
		PlacedOrder order = placeOrder();
		lookUp(order.number());
		assertThat(this.page).hasURL(baseUrl() + "/orders/" + order.number());
		Locator lines = this.page.locator(".lines");
		assertThat(lines).containsText("Arc Lamp");
		assertThat(lines).containsText("In stock, being prepared.");
		assertThat(lines).containsText("Task Chair");
		assertThat(lines).containsText("Backordered, arrives between " + MONTH_DAY.format(order.eta().earliest()));
		assertThat(lines).containsText("Stovetop Kettle");
		assertThat(lines).containsText("Out of stock, no restock date yet.");
	}

	@Test
	void whenTheRestockMovesThenTheOpenOrderPageShowsTheNewWindowWithoutReloading() {
		PlacedOrder order = placeOrder();
		// the page subscribes as it loads; the server replays what it missed until then
		this.page.waitForRequest((request) -> request.url().contains("/orders/" + order.number() + "/events"),
				() -> lookUp(order.number()));
		this.page.evaluate("window.__noReload = 1");
		LocalDate later = today().plusDays(24);
		this.http.mutate()
			.defaultHeader("Authorization", "Bearer test-api-key")
			.build()
			.patch()
			.uri("/api/v1/restocks/{id}", order.restockId())
			.bodyValue(Map.of("expectedOn", later.toString()))
			.exchange()
			.expectStatus()
			.isOk();
		EtaWindow moved = backorderedLine(this.orders.find(order.number()).block(TIMEOUT)).eta();
		assertThat(moved).isNotNull().isNotEqualTo(order.eta());
		Locator line = this.page.locator("#line-" + order.backorderedLineId());
		assertThat(line).containsText("Backordered, arrives between " + MONTH_DAY.format(moved.earliest()));
		assertThat(line).containsText(MONTH_DAY.format(moved.latest()));
		assertThat(this.page.evaluate("window.__noReload")).as("page was not reloaded").isEqualTo(1);
	}

	@Test
	void whenLookupAndOrderPagesAreScannedThenNoSeriousOrCriticalAccessibilityProblems() {
		PlacedOrder order = placeOrder();
		this.page.navigate(baseUrl() + "/");
		List<String> problems = new ArrayList<>(Chromium.accessibilityProblems(this.page, "lookup page"));
		lookUp(order.number());
		assertThat(this.page).hasURL(baseUrl() + "/orders/" + order.number());
		problems.addAll(Chromium.accessibilityProblems(this.page, "order page"));
		assertThat(problems).isEmpty();
	}

	@Test
	void whenPagesAreShownOnDesktopAndPhoneThenScreenshotsAreSaved() throws Exception {
		PlacedOrder order = placeOrder();
		Files.createDirectories(Chromium.SCREENSHOTS);
		screenshotLookupAndOrder(this.page, order, "desktop");
		BrowserContext phone = chromium.newContext(baseUrl(),
				new Browser.NewContextOptions().setViewportSize(375, 812)
					.setIsMobile(true)
					.setHasTouch(true)
					.setDeviceScaleFactor(2));
		try {
			screenshotLookupAndOrder(phone.newPage(), order, "phone");
		}
		finally {
			phone.close();
		}
		for (String name : List.of("lookup-desktop", "order-desktop", "lookup-phone", "order-phone")) {
			assertThat(Chromium.SCREENSHOTS.resolve(name + ".png")).isNotEmptyFile();
		}
	}

	private void screenshotLookupAndOrder(Page page, PlacedOrder order, String device) {
		page.navigate(baseUrl() + "/");
		Chromium.screenshot(page, "lookup-" + device);
		lookUp(page, order.number());
		assertThat(page.locator(".lines")).containsText("Stovetop Kettle");
		Chromium.screenshot(page, "order-" + device);
	}

	private void lookUp(String number) {
		lookUp(this.page, number);
	}

	private void lookUp(Page page, String number) {
		Chromium.lookUp(page, baseUrl(), number, EMAIL);
	}

	/**
	 * Places an order with one line in stock, one backordered and covered by a restock,
	 * and one out of stock with no restock at all.
	 */
	private PlacedOrder placeOrder() {
		String lamp = product("Arc Lamp", 3);
		String chair = product("Task Chair", 0);
		long restockId = this.supply
			.createRestock(new NewRestock(chair, "Test Supplier", 10, today().plusDays(10)), "test")
			.block(TIMEOUT)
			.id();
		String kettle = product("Stovetop Kettle", 0);
		OrderView order = this.orders
			.place(new PlaceOrder(unique("BO"), EMAIL, "Ada Customer",
					List.of(new PlaceOrder.Line(lamp, 1), new PlaceOrder.Line(chair, 2),
							new PlaceOrder.Line(kettle, 1))),
					"test")
			.block(TIMEOUT)
			.order();
		OrderLineView backordered = backorderedLine(order);
		assertThat(backordered.eta()).as("restock covers the backordered line").isNotNull();
		return new PlacedOrder(order.number(), restockId, backordered.id(), backordered.eta());
	}

	private String product(String name, int onHand) {
		String sku = unique("SKU");
		this.catalog.upsert(new Product(sku, name, "Test", Map.of(), 1999, "EUR")).block(TIMEOUT);
		if (onHand > 0) {
			this.supply.setOnHand(sku, onHand, "test").block(TIMEOUT);
		}
		return sku;
	}

	private static OrderLineView backorderedLine(OrderView order) {
		return order.lines().get(1);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
	}

	private record PlacedOrder(String number, long restockId, long backorderedLineId, EtaWindow eta) {
	}

}
