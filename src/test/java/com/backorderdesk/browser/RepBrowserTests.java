package com.backorderdesk.browser;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rep and a customer in two browsers: the rep picks a substitute on the workbench,
 * reviews whom it goes to and sends it, the customer's open order page shows it without
 * reloading, the customer accepts, and the rep's workbench and order page show the
 * acceptance without reloading.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RepBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String EMAIL = "ada@example.com";

	private static Chromium chromium;

	@LocalServerPort
	private int port;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private OrderService orders;

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

	@Test
	void whenRepOffersASubstituteThenTheCustomerSeesItLiveAndTheRepSeesTheAcceptanceLive() throws Exception {
		Files.createDirectories(Chromium.SCREENSHOTS);
		String category = unique("Kettles");
		String original = product("Retro Kettle", category, 5900, Map.of("colour", "red", "capacity", "1.7l"), 0);
		String substitute = product("Classic Kettle", category, 6400, Map.of("colour", "red", "capacity", "1.5l"), 10);
		OrderView order = this.orders
			.place(new PlaceOrder(unique("BO"), EMAIL, "Ada Customer", List.of(new PlaceOrder.Line(original, 1))),
					"test")
			.block(TIMEOUT)
			.order();
		BrowserContext customerContext = chromium.newContext(baseUrl());
		BrowserContext repContext = chromium.newContext(baseUrl());
		try {
			Page customer = customerContext.newPage();
			customer.waitForRequest((request) -> request.url().contains("/orders/" + order.number() + "/events"),
					() -> lookUp(customer, order.number()));
			customer.evaluate("window.__noReload = 1");

			Page rep = repContext.newPage();
			logIn(rep);
			rep.waitForRequest((request) -> request.url().contains("/staff/substitutions/events"),
					() -> rep.navigate(baseUrl() + "/staff/substitutions?sku=" + original));
			assertThat(rep.locator("#sku-" + original))
				.containsText("same category, 1 of 2 attributes match, 8 % dearer");
			assertThat(rep.locator("#sku-" + original)).containsText("10 free: the waiting order");
			Chromium.screenshot(rep, "staff-substitutions");

			// the rep picks the substitute, chooses whom it goes to, reviews, and only
			// then sends
			rep.getByRole(AriaRole.LINK,
					new Page.GetByRoleOptions().setName("Offer… Classic Kettle instead of Retro Kettle"))
				.click();
			rep.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("The waiting order").setExact(true))
				.check();
			rep.getByLabel("Note for the customer").fill("Same maker, a little smaller.");
			rep.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Review the offer")).click();
			assertThat(rep.locator("#review")).containsText("Offer Classic Kettle to this order?");
			assertThat(rep.locator("#review")).containsText(order.number());
			assertThat(rep.locator("#review")).containsText("Note for the customer: Same maker, a little smaller.");
			Chromium.screenshot(rep, "staff-substitution-review");
			List<String> reviewProblems = Chromium.accessibilityProblems(rep, "substitution review");
			rep.waitForRequest((request) -> request.url().contains("/staff/substitutions/events"),
					() -> rep
						.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the offer to 1 order"))
						.click());
			assertThat(rep.locator(".notice")).containsText("Offered " + substitute + " to 1 order");

			// the customer's open page shows the offer without reloading
			assertThat(customer.locator("#order-offers")).containsText("Classic Kettle");
			assertThat(customer.locator("#order-offers")).containsText("Same maker, a little smaller.");
			assertThat(customer.evaluate("window.__noReload")).as("customer page was not reloaded").isEqualTo(1);

			// the rep follows the order too
			Page detail = repContext.newPage();
			detail.waitForRequest((request) -> request.url().contains("/staff/orders/" + order.number() + "/events"),
					() -> detail.navigate(baseUrl() + "/staff/orders/" + order.number()));
			assertThat(detail.locator("#order-offers")).containsText("Waiting for answer");
			rep.evaluate("window.__noReload = 1");
			detail.evaluate("window.__noReload = 1");

			customer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Accept the substitute…")).click();
			customer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, accept the substitute"))
				.click();
			assertThat(customer.locator(".notice")).containsText("the substitute is yours");

			assertThat(rep.locator("#workbench-offers")).containsText("Accepted");
			assertThat(detail.locator("#order-offers")).containsText("Accepted");
			assertThat(detail.locator("#order-lines")).containsText("Classic Kettle");
			assertThat(detail.locator("#order-timeline")).containsText("Substitute accepted");
			assertThat(rep.evaluate("window.__noReload")).as("workbench was not reloaded").isEqualTo(1);
			assertThat(detail.evaluate("window.__noReload")).as("order page was not reloaded").isEqualTo(1);
			Chromium.screenshot(detail, "staff-order");

			detail.navigate(baseUrl() + "/staff/orders?q=" + original);
			assertThat(detail.locator("table")).containsText(order.number());
			Chromium.screenshot(detail, "staff-orders");

			List<String> problems = new ArrayList<>(reviewProblems);
			problems.addAll(Chromium.accessibilityProblems(detail, "staff order search"));
			detail.navigate(baseUrl() + "/staff/orders/" + order.number());
			problems.addAll(Chromium.accessibilityProblems(detail, "staff order page"));
			problems.addAll(Chromium.accessibilityProblems(rep, "substitution workbench"));
			assertThat(problems).isEmpty();
		}
		finally {
			customerContext.close();
			repContext.close();
		}
		chromium.assertPagesWereClean();
	}

	private void logIn(Page page) {
		Chromium.logIn(page, baseUrl(), "rep", "rep");
	}

	private void lookUp(Page page, String number) {
		Chromium.lookUp(page, baseUrl(), number, EMAIL);
	}

	private String product(String name, String category, long priceCents, Map<String, String> attributes, int onHand) {
		String sku = unique("SKU");
		this.catalog.upsert(new Product(sku, name, category, attributes, priceCents, "EUR")).block(TIMEOUT);
		if (onHand > 0) {
			this.supply.setOnHand(sku, onHand, "test").block(TIMEOUT);
		}
		return sku;
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
	}

}
