package com.backorderdesk.browser;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.backorderdesk.AppInstance;
import com.backorderdesk.TestProxy;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.security.CustomerLinks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live order pages in Chromium that never give up: behind one address (a proxy standing
 * in for the load balancer), the instance serving a page's stream is stopped and
 * replaced, then loses its database; the page says it is reconnecting, and catches up by
 * itself, without a reload, once it can. Eight tabs of one browser share one stream.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivePagesBrowserTests {

	private static final Duration CATCH_UP = Duration.ofSeconds(90);

	@Autowired
	private ApplicationContext context;

	@Autowired
	private SupplyChanges supply;

	private Chromium chromium;

	private TestProxy proxy;

	private AppInstance instance;

	@BeforeAll
	void start() throws IOException {
		this.chromium = Chromium.launch();
		this.instance = AppInstance.start();
		this.proxy = TestProxy.to("127.0.0.1", this.instance.port());
	}

	@AfterAll
	void stop() throws IOException {
		this.proxy.close();
		this.instance.close();
		this.chromium.close();
	}

	@Test
	void whenTheStreamIsCutByAStoppedInstanceAndThenADatabaseOutageThePageCatchesUpWithoutReload() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("LIVE", 1000, 0);
		OrderView order = shop.order("LIVE", sku, 1);
		BrowserContext browser = this.chromium.newContext(baseUrl());
		Page page = browser.newPage();
		List<Integer> streamStatuses = new ArrayList<>();
		page.onResponse((response) -> {
			if (response.url().contains("/events")) {
				streamStatuses.add(response.status());
			}
		});
		Chromium.lookUp(page, baseUrl(), order.number(), "test@example.com");
		page.evaluate("window.notReloaded = true");
		String before = summary(page);

		// live as usual
		shop.restock(sku, 1, LocalDate.now().plusDays(20));
		before = waitForSummaryToChange(page, before);

		// the instance stops: the page keeps trying, and says so
		this.proxy.cutAll();
		this.instance.close();
		waitForState(page, "reconnecting");
		waitForCue(page, "Reconnecting");
		this.supply.setOnHand(sku, 1, "test").block(Duration.ofSeconds(30));
		this.instance = AppInstance.start();
		this.proxy.target(this.instance.port());
		before = waitForSummaryToChange(page, before);
		waitForState(page, "updated");
		assertThat(page.evaluate("window.notReloaded")).isEqualTo(true);

		// the database goes away: the stream is cut and every retry is answered 503
		this.instance.database().breakIt();
		this.proxy.cutAll();
		waitForState(page, "reconnecting");
		page.waitForCondition(() -> streamStatuses.contains(503),
				new Page.WaitForConditionOptions().setTimeout(CATCH_UP.toMillis()));
		this.supply.setOnHand(sku, 0, "test").block(Duration.ofSeconds(30));
		this.instance.database().heal();
		waitForSummaryToChange(page, before);
		waitForState(page, "updated");
		assertThat(page.evaluate("window.notReloaded")).isEqualTo(true);
		this.chromium.assertPagesWereClean();
		browser.close();
	}

	@Test
	void whenEightTabsOfOneBrowserShowTheOrderThenAllUpdateOverOneStream() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("TABS", 1000, 0);
		OrderView order = shop.order("TABS", sku, 1);
		BrowserContext browser = this.chromium.newContext(baseUrl());
		AtomicInteger streams = new AtomicInteger();
		browser.onRequest((request) -> {
			if (request.url().contains("/events")) {
				streams.incrementAndGet();
			}
		});
		List<Page> tabs = new ArrayList<>();
		Page first = browser.newPage();
		Chromium.lookUp(first, baseUrl(), order.number(), "test@example.com");
		tabs.add(first);
		for (int i = 1; i < 8; i++) {
			Page tab = browser.newPage();
			tab.navigate(baseUrl() + "/orders/" + order.number());
			tabs.add(tab);
		}
		String before = summary(first);
		first.waitForCondition(() -> streams.get() >= 1);
		shop.restock(sku, 1, LocalDate.now().plusDays(20));
		for (Page tab : tabs) {
			waitForSummaryToChange(tab, before);
		}
		// one tab reads the stream and passes each event on to the others
		assertThat(streams.get()).isLessThanOrEqualTo(2);
		this.chromium.assertPagesWereClean();
		browser.close();
	}

	@Test
	void whenTheCustomersLinksAreRevokedThenThePageSaysItsAccessEndedAndStopsReconnecting() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("REVOKED", 1000, 0);
		OrderView order = shop.order("REVOKED", sku, 1);
		BrowserContext browser = this.chromium.newContext(baseUrl());
		Page page = browser.newPage();
		AtomicInteger streams = new AtomicInteger();
		page.onRequest((request) -> {
			if (request.url().contains("/events")) {
				streams.incrementAndGet();
			}
		});
		Chromium.lookUp(page, baseUrl(), order.number(), "test@example.com");
		page.waitForCondition(() -> streams.get() >= 1);
		this.context.getBean(CustomerLinks.class).revokeAll(order.id(), "test").block(Duration.ofSeconds(30));
		waitForState(page, "ended");
		waitForCue(page, "access to this order ended");
		// given up: no more attempts
		int attempts = streams.get();
		page.waitForTimeout(3000);
		assertThat(streams.get()).isEqualTo(attempts);
		this.chromium.assertPagesWereClean();
		browser.close();
	}

	private String baseUrl() {
		return "http://localhost:" + this.proxy.port();
	}

	private static String summary(Page page) {
		return page.locator("#order-summary").textContent().strip();
	}

	private static String waitForSummaryToChange(Page page, String before) {
		page.waitForCondition(() -> !summary(page).equals(before),
				new Page.WaitForConditionOptions().setTimeout(CATCH_UP.toMillis()));
		return summary(page);
	}

	/**
	 * Waits for the live cue to say {@code words}: the page marks its state at once and
	 * writes the words 50 ms later (cleared first, so screen readers announce them
	 * again).
	 */
	private static void waitForCue(Page page, String words) {
		page.waitForCondition(() -> page.locator(".live-cue").textContent().contains(words),
				new Page.WaitForConditionOptions().setTimeout(CATCH_UP.toMillis()));
		assertThat(page.locator(".live-cue").textContent()).contains(words);
	}

	private static void waitForState(Page page, String state) {
		page.locator("[data-live-state=" + state + "]")
			.waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED)
				.setTimeout(CATCH_UP.toMillis()));
	}

}
