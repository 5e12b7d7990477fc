package com.backorderdesk.browser;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.backorderdesk.DemoShop;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo shop's order {@code BO-1001} in a real browser, as a visitor of a fresh
 * embedded-mode start meets it: looked up by number and e-mail, its three kinds of line,
 * a restock date moved through the API showing up live, and the demo substitute accepted.
 * Runs in order: accepting the substitute changes the order for good.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoShopBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String ORDER = "BO-1001";

	// the portal writes dates as "Jan 5", with the year when it is not this one
	private static final DateTimeFormatter DATES = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

	private static DemoShop shop;

	private static Chromium chromium;

	private BrowserContext context;

	private Page page;

	@BeforeAll
	static void start() {
		shop = DemoShop.start();
		chromium = Chromium.launch();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
		if (shop != null) {
			shop.close();
		}
	}

	@BeforeEach
	void openContext() {
		this.context = chromium.newContext(shop.baseUrl());
		this.page = this.context.newPage();
	}

	@AfterEach
	void closeContext() {
		this.context.close();
		chromium.assertPagesWereClean();
	}

	@Test
	@Order(1)
	void whenAdaLooksUpBO1001ThenSheSeesALineInStockOneBackorderedOneOutOfStockAndTheOffer() throws Exception {
		lookUp(this.page);
		Locator lines = this.page.locator(".lines");
		assertThat(lines).containsText("In stock, being prepared.");
		assertThat(lines).containsText("Backordered, arrives between");
		assertThat(lines).containsText("Out of stock, no restock date yet.");
		assertThat(this.page.locator("#order-offers")).containsText("instead of");
		Files.createDirectories(Chromium.SCREENSHOTS);
		Chromium.screenshot(this.page, "demo-order-desktop");
		BrowserContext phone = chromium.newContext(shop.baseUrl(),
				new Browser.NewContextOptions().setViewportSize(375, 812)
					.setIsMobile(true)
					.setHasTouch(true)
					.setDeviceScaleFactor(2));
		try {
			Page phonePage = phone.newPage();
			lookUp(phonePage);
			Chromium.screenshot(phonePage, "demo-order-phone");
		}
		finally {
			phone.close();
		}
	}

	@Test
	@Order(2)
	void whenTheRestockOfBO1001MovesThroughTheApiThenTheOpenPageShowsTheNewWindowWithoutReloading() {
		this.page.waitForRequest((request) -> request.url().contains("/orders/" + ORDER + "/events"),
				() -> lookUp(this.page));
		this.page.evaluate("window.__noReload = 1");
		DatabaseClient db = shop.app().getBean(DatabaseClient.class);
		Map<String, Object> restock = db.sql("""
				select r.id, r.expected_on, l.id as line_id from order_line l
				join customer_order o on o.id = l.order_id join restock r on r.id = l.restock_id
				where o.number = :number
				""").bind("number", ORDER).fetch().first().block(TIMEOUT);
		assertThat(restock).as("the backordered line of BO-1001 waits for a restock").isNotNull();
		LocalDate later = ((LocalDate) restock.get("expected_on")).plusDays(21);
		WebTestClient.bindToServer()
			.baseUrl(shop.baseUrl())
			.defaultHeader("Authorization", "Bearer " + DemoShop.API_KEY)
			.build()
			.patch()
			.uri("/api/v1/restocks/{id}", restock.get("id"))
			.bodyValue(Map.of("expectedOn", later.toString()))
			.exchange()
			.expectStatus()
			.isOk();
		Locator line = this.page.locator("#line-" + restock.get("line_id"));
		LocalDate earliest = db.sql("select eta_earliest from order_line where id = :id")
			.bind("id", restock.get("line_id"))
			.map((row) -> row.get(0, LocalDate.class))
			.one()
			.block(TIMEOUT);
		assertThat(earliest).isAfter(later);
		assertThat(line).containsText("Was ");
		assertThat(line).containsText("arrives between " + DATES.format(earliest));
		assertThat(this.page.locator("#order-timeline")).containsText("now expected");
		assertThat(this.page.evaluate("window.__noReload")).as("page was not reloaded").isEqualTo(1);
	}

	@Test
	@Order(3)
	void whenAdaAcceptsTheDemoSubstituteThenItIsHersAndTheOfferIsGone() {
		lookUp(this.page);
		Locator offers = this.page.locator("#order-offers");
		String substitute = offers.locator(".offer-text").first().textContent();
		// accepting shows what will happen first, and only its button accepts
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Accept the substitute…")).click();
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, accept the substitute")).click();
		assertThat(this.page.getByRole(AriaRole.STATUS))
			.containsText("Done: the substitute is yours and ready to ship.");
		assertThat(offers).not().containsText("Accept the substitute");
		assertThat(this.page.locator(".lines"))
			.containsText("Replaced by " + substitute.replaceAll("^\\d+ × (.*) instead of .*$", "$1"));
		List<String> problems = new ArrayList<>(
				Chromium.accessibilityProblems(this.page, "order page after accepting"));
		assertThat(problems).isEmpty();
		assertThat(substitute).contains("instead of");
	}

	private static void lookUp(Page page) {
		Chromium.lookUp(page, shop.baseUrl(), ORDER, "ada@example.com");
	}

}
