package com.backorderdesk.browser;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestShop;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff page at a laptop's width and at a phone's (375 px): none scrolls sideways,
 * axe finds no violation of any impact, and each is screenshotted. One browser for the
 * class and one login per width keep it quick; the pages show an order waiting on a
 * restock with a substitute offered, so tables, forms and confirmations have rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffPagesBrowserTests {

	private static Chromium chromium;

	@LocalServerPort
	private int port;

	private final TestShop shop;

	private final SupplyChanges supply;

	StaffPagesBrowserTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
		this.supply = context.getBean(SupplyChanges.class);
	}

	@BeforeAll
	static void launchChromium() throws Exception {
		Files.createDirectories(Chromium.SCREENSHOTS);
		chromium = Chromium.launch();
	}

	@AfterAll
	static void closeChromium() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void whenEveryStaffPageIsOpenedOnALaptopThenAxeFindsNothingAndNoneScrollsSideways() {
		assertThat(walk(1280, 900)).isEmpty();
	}

	@Test
	void whenEveryStaffPageIsOpenedOnAPhoneThenTablesAreCardsAxeFindsNothingAndNoneScrollsSideways() {
		assertThat(walk(375, 812)).isEmpty();
	}

	/** Opens each staff page at one width, and returns what is wrong with them. */
	private List<String> walk(int width, int height) {
		TestShop.OfferedOrder offered = this.shop.offeredOrder("STAFFPAGES");
		String base = "http://localhost:" + this.port;
		List<String> problems = new ArrayList<>();
		BrowserContext context = chromium.newContext(base,
				new Browser.NewContextOptions().setViewportSize(width, height));
		try {
			Page page = context.newPage();
			page.navigate(base + "/staff/login");
			check(page, "login", width, problems);
			Chromium.logIn(page, base, "admin", "admin");
			check(page, "dashboard", width, problems);
			visit(page, base + "/staff/orders?q=" + offered.number(), "orders", width, problems);
			visit(page, base + "/staff/orders/" + offered.number(), "order", width, problems);
			visit(page, base + "/staff/orders/" + offered.number() + "/history", "order-history", width, problems);
			visit(page, base + "/staff/restocks", "restocks", width, problems);
			// a filtered list longer than a page, on its last page: the pager and its
			// links
			String paged = this.shop.product("STAFFPAGED" + width, 1000, 0);
			for (int i = 0; i < 26; i++) {
				this.shop.restock(paged, 1, java.time.LocalDate.now().plusDays(30));
			}
			visit(page, base + "/staff/restocks?sku=" + paged + "&page=2", "restocks-page-2", width, problems);
			assertThat(page.locator("nav[aria-label='Pages of restocks'] [aria-current='page']")).hasText("2");
			assertThat(page.locator("nav[aria-label='Pages of restocks'] a[rel='prev']")).hasAttribute("href",
					"/staff/restocks?sku=" + paged);
			visit(page, base + "/staff/restocks/" + offered.restockId(), "restock", width, problems);
			page.getByLabel("Units received").fill("1");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the receipt")).click();
			assertThat(page.locator("#receive-confirm")).isVisible();
			check(page, "restock-receive", width, problems);
			// the dashboard's shortfall link: the form comes filled in, the planner
			// confirms
			visit(page, base + "/staff/restocks/new?sku=" + offered.waitingSku() + "&quantity=3", "restock-new", width,
					problems);
			assertThat(page.getByLabel("SKU", new Page.GetByLabelOptions().setExact(true)))
				.hasValue(offered.waitingSku());
			assertThat(page.getByLabel("Quantity ordered")).hasValue("3");
			page.getByLabel("Supplier").fill("Phone Check Supplier");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create restock")).click();
			assertThat(page.locator(".notice")).isVisible();
			visit(page, base + "/staff/restocks/import", "restock-import", width, problems);
			page.getByLabel("CSV file")
				.setInputFiles(
						new FilePayload("restocks.csv", "text/csv",
								("sku,supplier,quantity,expected_on\n" + offered.waitingSku()
										+ ",Phone Check Supplier,5," + java.time.LocalDate.now().plusDays(30) + "\n")
									.getBytes()));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the file")).click();
			assertThat(page.locator("#import-preview")).isVisible();
			check(page, "restock-import-preview", width, problems);
			// a second offer whose substitute then sells out: its long status shows too
			TestShop.OfferedOrder soldOut = this.shop.offeredOrder("STAFFSOLDOUT");
			this.supply.setOnHand(soldOut.substituteSku(), 0, "test").block(Duration.ofSeconds(10));
			visit(page, base + "/staff/substitutions", "substitutions", width, problems);
			assertThat(page.getByText("No longer available: the substitute sold out").first()).isVisible();
			visit(page, base + "/staff/substitutions/" + offered.waitingSku() + "/offer", "substitution-offer", width,
					problems);
			visit(page, base + "/staff/outbox", "outbox", width, problems);
			visit(page, base + "/staff/outbox?q=" + offered.number(), "outbox-search", width, problems);
			visit(page, base + "/staff/admin/audit?q=" + offered.waitingSku(), "audit", width, problems);
			// an order from the API is audited with its lines as one long JSON value
			String apiOrder = placeThroughApi(page, base, offered, width);
			visit(page, base + "/staff/admin/audit?q=" + apiOrder, "audit-api-order", width, problems);
			assertThat(page.getByText("\"sku\":\"" + offered.waitingSku() + "\"").first()).isVisible();
			visit(page, base + "/staff/admin/users", "users", width, problems);
			visit(page, base + "/staff/promises", "promises", width, problems);
			visit(page, base + "/staff/refunds", "refunds", width, problems);
			visit(page, base + "/staff/admin/webhooks", "webhooks", width, problems);
			// the staff error pages, in the staff layout: a mistyped address, then a rep
			// (in a fresh context) opening an admin page
			visit(page, base + "/staff/orders/BO-NO-SUCH-ORDER/history/x", "error-404", width, problems);
			assertThat(page.locator("h1")).containsText("No such page");
			assertThat(page.getByText("Back to the staff home")).isVisible();
			Page rep = chromium.newContext(base, new Browser.NewContextOptions().setViewportSize(width, height))
				.newPage();
			try {
				Chromium.logIn(rep, base, "rep", "rep");
				visit(rep, base + "/staff/admin/users", "error-403", width, problems);
				assertThat(rep.locator("h1")).containsText("Not allowed");
			}
			finally {
				rep.context().close();
			}
		}
		finally {
			context.close();
		}
		chromium.assertPagesWereClean();
		return problems;
	}

	/**
	 * Places an order of two lines through the JSON API, as a storefront would.
	 * @return the order's number
	 */
	private String placeThroughApi(Page page, String base, TestShop.OfferedOrder offered, int width) {
		String number = this.shop.unique("BO-STAFFAPI" + width);
		String body = """
				{"number": "%s", "customer": {"email": "api-order@example.com", "name": "Api Customer"},
				 "lines": [{"sku": "%s", "quantity": 1}, {"sku": "%s", "quantity": 1}]}
				""".formatted(number, offered.waitingSku(), offered.substituteSku());
		APIResponse placed = page.request()
			.post(base + "/api/v1/orders",
					RequestOptions.create()
						.setHeader("Authorization", "Bearer test-api-key")
						.setHeader("Content-Type", "application/json")
						.setData(body));
		assertThat(placed.status()).as(placed.text()).isEqualTo(201);
		return number;
	}

	private static void visit(Page page, String url, String name, int width, List<String> problems) {
		page.navigate(url);
		check(page, name, width, problems);
	}

	private static void check(Page page, String name, int width, List<String> problems) {
		String where = name + " at " + width + " px";
		Object scrollWidth = page.evaluate("document.documentElement.scrollWidth");
		Object innerWidth = page.evaluate("window.innerWidth");
		if (((Number) scrollWidth).intValue() > ((Number) innerWidth).intValue()) {
			// name the innermost elements that reach past the window, so a failure says
			// where
			Object wide = page.evaluate(
					"""
							() => [...document.querySelectorAll('body *')]
								.filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
								.filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
								.slice(0, 5)
								.map((e) => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
									+ ' "' + (e.textContent || '').trim().slice(0, 60) + '"')
								.join('; ')
							""");
			problems.add(where + ": scrolls sideways, " + scrollWidth + " px wide in a " + innerWidth + " px window: "
					+ wide);
		}
		if (!"login".equals(name) && page.locator("nav.staff-nav").count() != 1) {
			problems.add(where + ": no staff navigation");
		}
		problems.addAll(Chromium.accessibilityViolations(page, where));
		Chromium.screenshot(page, "staff-" + name + "-" + width);
	}

}
