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

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
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
 * What a planner does on the restock pages in a real browser, and what a customer whose
 * order waits on the restock sees of it at the same time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlannerBrowserTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

	private static final String EMAIL = "grace@example.com";

	private static Chromium chromium;

	@LocalServerPort
	private int port;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private OrderService orders;

	@Autowired
	private Clock clock;

	private BrowserContext plannerContext;

	private BrowserContext customerContext;

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
	void openContexts() {
		this.plannerContext = chromium.newContext(baseUrl());
		this.customerContext = chromium.newContext(baseUrl());
	}

	@AfterEach
	void closeContexts() {
		this.plannerContext.close();
		this.customerContext.close();
		chromium.assertPagesWereClean();
	}

	@Test
	void whenPlannerShiftsARestockThenTheCustomersOpenPageShowsTheNewWindowWithoutReloading() throws Exception {
		Files.createDirectories(Chromium.SCREENSHOTS);
		Waiting waiting = waitingOrder();
		Page customer = this.customerContext.newPage();
		customer.waitForRequest((request) -> request.url().contains("/orders/" + waiting.number() + "/events"),
				() -> lookUp(customer, waiting.number()));
		customer.evaluate("window.__noReload = 1");

		Page planner = logIn();
		planner.navigate(baseUrl() + "/staff/restocks?sku=" + waiting.sku());
		assertThat(planner.locator("#restock-" + waiting.restockId())).containsText(waiting.sku());
		Chromium.screenshot(planner, "restocks-list");
		planner.locator("#restock-" + waiting.restockId()).getByRole(AriaRole.CHECKBOX).check();
		planner.getByLabel("Days to move (negative for earlier)").fill("14");
		planner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview")).click();
		assertThat(planner.locator("#preview-orders")).hasText("1");
		assertThat(planner.locator("#preview-restocks")).hasText("1");
		Chromium.screenshot(planner, "restocks-shift-preview");
		planner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply the move")).click();
		assertThat(planner.locator(".notice")).containsText("Moved 1 restock; 1 order was updated.");

		EtaWindow moved = this.orders.find(waiting.number()).block(TIMEOUT).lines().get(0).eta();
		assertThat(moved).isNotNull().isNotEqualTo(waiting.eta());
		assertThat(customer.locator("#line-" + waiting.lineId()))
			.containsText("Backordered, arrives between " + MONTH_DAY.format(moved.earliest()));
		assertThat(customer.evaluate("window.__noReload")).as("page was not reloaded").isEqualTo(1);
	}

	@Test
	void whenThePlannersPagesAreOpenedThenTheyHaveNoSeriousAccessibilityProblemsAndAreScreenshotted() throws Exception {
		Files.createDirectories(Chromium.SCREENSHOTS);
		Waiting waiting = waitingOrder();
		Page planner = logIn();
		List<String> problems = new ArrayList<>();
		planner.navigate(baseUrl() + "/staff/restocks?sku=" + waiting.sku());
		problems.addAll(Chromium.accessibilityProblems(planner, "restocks list"));
		planner.navigate(baseUrl() + "/staff/restocks/" + waiting.restockId());
		assertThat(planner.locator("h1")).containsText(waiting.sku());
		planner.getByLabel("Units received").fill("9999");
		planner.getByLabel("Units received").evaluate("input => input.removeAttribute('max')");
		planner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the receipt")).click();
		assertThat(planner.locator("#receiveQuantity-error")).containsText("are still to come");
		problems.addAll(Chromium.accessibilityProblems(planner, "restock page"));
		Chromium.screenshot(planner, "restock-detail");
		// a receipt is typed, checked, and recorded only from its confirmation
		planner.getByLabel("Units received").fill("5");
		planner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the receipt")).click();
		assertThat(planner.locator("#receive-confirm")).containsText("Receive 5 units of " + waiting.sku() + "?");
		problems.addAll(Chromium.accessibilityProblems(planner, "receipt confirmation"));
		Chromium.screenshot(planner, "restock-receive-confirm");
		planner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record the receipt")).click();
		assertThat(planner.locator(".notice")).containsText("Receipt recorded");
		planner.navigate(baseUrl() + "/staff/restocks/new");
		problems.addAll(Chromium.accessibilityProblems(planner, "new restock page"));
		Chromium.screenshot(planner, "restock-new");
		planner.navigate(baseUrl() + "/staff/restocks/import");
		planner.getByLabel("CSV file")
			.setInputFiles(new FilePayload("restocks.csv", "text/csv",
					("sku,supplier,quantity,expected_on\n" + waiting.sku() + ",Acme,5," + today().plusDays(3) + "\n"
							+ "NO-SUCH-SKU,Acme,five,2001-01-01\n")
						.getBytes()));
		planner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the file")).click();
		assertThat(planner.locator(".import-report")).containsText("Nothing was imported");
		problems.addAll(Chromium.accessibilityProblems(planner, "import report"));
		Chromium.screenshot(planner, "restock-import-report");
		// a good file is previewed, and applied only when confirmed
		planner.getByLabel("CSV file")
			.setInputFiles(new FilePayload("restocks.csv", "text/csv",
					("sku,supplier,quantity,expected_on\n" + waiting.sku() + ",Acme,5," + today().plusDays(3) + "\n")
						.getBytes()));
		planner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the file")).click();
		assertThat(planner.locator("#import-preview")).containsText(waiting.sku());
		problems.addAll(Chromium.accessibilityProblems(planner, "import preview"));
		Chromium.screenshot(planner, "restock-import-preview");
		planner.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply the import")).click();
		assertThat(planner.locator(".notice")).containsText("Import applied: 1 restock created");
		assertThat(problems).isEmpty();
	}

	private Page logIn() {
		Page page = this.plannerContext.newPage();
		Chromium.logIn(page, baseUrl(), "planner", "planner");
		return page;
	}

	private void lookUp(Page page, String number) {
		Chromium.lookUp(page, baseUrl(), number, EMAIL);
	}

	/** An order of one line waiting on a restock due in ten days. */
	private Waiting waitingOrder() {
		String sku = unique("DESK");
		this.catalog.upsert(new Product(sku, "Standing Desk", "Test", Map.of(), 49900, "EUR")).block(TIMEOUT);
		Restock restock = this.supply
			.createRestock(new NewRestock(sku, unique("Desk Supplier"), 20, today().plusDays(10)), "test")
			.block(TIMEOUT);
		OrderView order = this.orders
			.place(new PlaceOrder(unique("BO"), EMAIL, "Grace Customer", List.of(new PlaceOrder.Line(sku, 1))), "test")
			.block(TIMEOUT)
			.order();
		EtaWindow eta = order.lines().get(0).eta();
		assertThat(eta).as("the restock covers the line").isNotNull();
		return new Waiting(sku, restock.id(), order.number(), order.lines().get(0).id(), eta);
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

	private record Waiting(String sku, long restockId, String number, long lineId, EtaWindow eta) {
	}

}
