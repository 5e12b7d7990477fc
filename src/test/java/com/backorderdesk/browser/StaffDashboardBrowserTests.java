package com.backorderdesk.browser;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.PlaceOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff dashboard and the admin pages in a real browser: how they look, that they
 * pass an accessibility scan, and that an open dashboard takes new figures without a
 * reload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffDashboardBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static Chromium chromium;

	@LocalServerPort
	private int port;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private OrderService orders;

	@Autowired
	private DatabaseClient db;

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
	void openContext() throws Exception {
		Files.createDirectories(Chromium.SCREENSHOTS);
		this.context = chromium.newContext(baseUrl());
		this.page = this.context.newPage();
	}

	@AfterEach
	void closeContext() {
		this.context.close();
		chromium.assertPagesWereClean();
	}

	@Test
	void whenPlannerOpensTheDashboardThenItPassesTheScanAndTakesNewFiguresWithoutReloading() {
		logIn("planner", "planner");
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Backorders")))
			.isVisible();
		assertThat(this.page.locator("#aging-chart")).isVisible();
		assertThat(this.page.locator("#aging-chart title")).hasText("How long lines have waited");
		List<String> problems = new ArrayList<>(Chromium.accessibilityProblems(this.page, "dashboard"));
		assertThat(problems).isEmpty();
		Chromium.screenshot(this.page, "staff-dashboard");

		// the stream is open once its first refresh has replaced the rendered figures
		assertThat(this.page.locator("#dash-summary")).hasAttribute("data-source", "live");
		this.page.evaluate("window.__noReload = 1");
		Locator summary = this.page.locator("#dash-summary");
		String linesBefore = summary.getAttribute("data-lines");
		String sku = "BROWSER-" + UUID.randomUUID().toString().substring(0, 8);
		this.catalog.upsert(new Product(sku, "Live Test Lamp", "Test", Map.of(), 1000, "EUR")).block(TIMEOUT);
		this.orders
			.place(new PlaceOrder("BO-" + sku, sku.toLowerCase() + "@example.com", "Live Customer",
					List.of(new PlaceOrder.Line(sku, 2))), "test")
			.block(TIMEOUT);
		assertThat(summary).not().hasAttribute("data-lines", linesBefore);
		assertThat(this.page.locator("#dash-live")).hasText("Figures updated.");
		assertThat(this.page.evaluate("window.__noReload")).as("page was not reloaded").isEqualTo(1);
		// sortable again after the swap
		assertThat(this.page.locator("#dash-aging th button.sort").first()).isVisible();
		this.db.sql("update order_line set cancelled = quantity where sku = :sku")
			.bind("sku", sku)
			.then()
			.block(TIMEOUT);
	}

	@Test
	void whenAdminOpensTheAccountAndAuditPagesThenTheyPassTheScanAndShowWhatChanged() {
		logIn("admin", "admin");
		List<String> problems = new ArrayList<>();
		this.page.navigate(baseUrl() + "/staff/admin/users");
		String username = "shot-" + UUID.randomUUID().toString().substring(0, 6);
		this.page.getByLabel("Username").fill(username);
		this.page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Screenshot Colleague");
		this.page.getByLabel("First password").fill("short");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add account")).click();
		assertThat(this.page.locator("#new-password-error")).containsText("Use at least 12 characters.");
		problems.addAll(Chromium.accessibilityProblems(this.page, "staff accounts with an error"));
		Chromium.screenshot(this.page, "staff-users-error");
		this.page.getByLabel("First password").fill("a long enough passphrase");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add account")).click();
		assertThat(this.page.locator(".notice")).hasText("Added " + username + ".");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Disable " + username)).click();
		assertThat(this.page.locator(".notice"))
			.hasText(username + " can no longer log in; their sessions have ended.");
		problems.addAll(Chromium.accessibilityProblems(this.page, "staff accounts"));
		Chromium.screenshot(this.page, "staff-users");

		this.page.navigate(baseUrl() + "/staff/admin/audit");
		this.page.getByLabel("Text (who, action, subject or values)").fill(username);
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
		// one row an entry, newest first, each with a table of what it changed, field by
		// field
		Locator entries = this.page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Entries found: 2"))
			.locator(":scope > tbody > tr");
		assertThat(entries).hasCount(2);
		Locator disabled = entries.first();
		assertThat(disabled).containsText("Staff account disabled");
		assertThat(disabled).containsText("staff " + username);
		Locator enabled = disabled.locator("table.audit-changes tbody tr")
			.filter(new Locator.FilterOptions().setHas(this.page.getByRole(AriaRole.ROWHEADER,
					new Page.GetByRoleOptions().setName("enabled").setExact(true))));
		assertThat(enabled.locator("td")).hasText(new String[] { "yes", "no" });
		Locator added = entries.nth(1);
		assertThat(added).containsText("Staff account added");
		assertThat(added.locator("table.audit-changes")).containsText("Screenshot Colleague");
		problems.addAll(Chromium.accessibilityProblems(this.page, "audit log"));
		Chromium.screenshot(this.page, "staff-audit");
		assertThat(problems).isEmpty();
	}

	private void logIn(String username, String password) {
		Chromium.logIn(this.page, baseUrl(), username, password);
	}

	private String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
