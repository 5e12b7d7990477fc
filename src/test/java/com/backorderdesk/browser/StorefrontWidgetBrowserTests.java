package com.backorderdesk.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storefront widget on a plain HTML page of another origin (a tiny HTTP server on
 * another port), pasted as the README's two lines: the badge says what a new order would
 * get, and says something else after a restock moves and the page is reloaded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorefrontWidgetBrowserTests {

	private static Chromium chromium;

	private static HttpServer storefront;

	private static volatile String page = "";

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private SupplyChanges supply;

	@BeforeAll
	static void start() throws IOException {
		chromium = Chromium.launch();
		storefront = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		storefront.createContext("/", (exchange) -> {
			byte[] body = page.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		storefront.start();
	}

	@AfterAll
	static void stop() {
		storefront.stop(0);
		chromium.close();
	}

	@Test
	void theBadgeShowsTheWindowAndChangesWhenTheRestockMoves() {
		TestShop shop = new TestShop(this.context);
		String backordered = shop.product("WID", 2500, 0);
		String inStock = shop.product("WID-IN", 2500, 4);
		shop.restock(backordered, 5, LocalDate.now().plusDays(10));
		long restock = shop.count("select max(id) from restock where sku = '" + backordered + "'");
		String app = "http://127.0.0.1:" + this.port;
		page = """
				<!DOCTYPE html>
				<html lang="en"><head><meta charset="utf-8"><title>A storefront</title></head>
				<body><main><h1>Arc Lamp</h1>
				<div data-backorder-sku="%s"></div>
				<div data-backorder-sku="%s"></div>
				<script src="%s/widget.js" async></script>
				</main></body></html>
				""".formatted(backordered, inStock, app);
		String storefrontUrl = "http://127.0.0.1:" + storefront.getAddress().getPort() + "/";
		try (BrowserContext browser = chromium.newContext(storefrontUrl)) {
			Page tab = browser.newPage();
			tab.navigate(storefrontUrl);
			Locator badge = tab.locator("[data-backorder-sku='" + backordered + "'] [role=status]");
			PlaywrightAssertions.assertThat(badge).containsText("Available on backorder");
			String before = badge.textContent();
			PlaywrightAssertions.assertThat(tab.locator("[data-backorder-sku='" + inStock + "'] [role=status]"))
				.containsText("In stock");

			this.supply
				.updateRestock(restock, new RestockChange(LocalDate.now().plusDays(30), null, null, null), "test")
				.block();
			tab.reload();
			PlaywrightAssertions.assertThat(badge).containsText("Available on backorder");
			PlaywrightAssertions.assertThat(badge).not().hasText(before);
			assertThat(badge.textContent()).contains("Arrives");
			assertThat(Chromium.accessibilityProblems(tab, "storefront with the widget")).isEmpty();
		}
		assertThat(List.of(page)).isNotEmpty();
	}

}
