package com.backorderdesk.staff.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.SupplierTerms;
import com.backorderdesk.orders.BacklogReport;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.PlaceOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page and its live stream, over HTTP: the figures the page shows, and a
 * committed change reaching an open dashboard as re-rendered fragments.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class DashboardTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Pattern LINES = Pattern.compile("data-lines=\"(\\d+)\"");

	@Autowired
	private WebTestClient http;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private BacklogReport report;

	@Autowired
	private OrderService orders;

	@Autowired
	private Dashboards dashboards;

	@Test
	void whenPlannerOpensTheDashboardThenFiguresChartsAndTheirTablesAreShown() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("DASH", 1234, 0);
		shop.order("BO", sku, 2);
		Browser planner = browser();
		planner.logIn("planner", "planner");
		Browser.Page page = planner.get("/staff");
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		BacklogReport.Summary summary = this.report.summary().block(TIMEOUT);
		assertThat(page.body()).contains("Waiting lines", "Units waiting", "Value waiting", "Customers waiting",
				"How long lines have waited", "0–7 days", "8–14 days", "15–30 days", "over 30 days",
				"Demand no planned supply covers",
				"Suggested purchase = shortfall + customers waiting to hear it is back",
				"or 21 days before its first receipt", "Supplier reliability",
				"Windows that slipped in the last 7 days", "data-events=\"/staff/dashboard/events\"", "/js/live-");
		// every chart names itself and its numbers are in a table too
		assertThat(page.body()).contains("<svg", "role=\"img\"", "<title id=\"aging-chart-title\"",
				"<desc id=\"aging-chart-desc\"", "aria-labelledby=\"aging-chart-title aging-chart-desc\"");
		assertThat(lines(page.body())).isGreaterThanOrEqualTo(summary.lines());
	}

	@Test
	void whenAChangeIsCommittedThenTheOpenDashboardIsSentTheNewFigures() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("LIVE", 999, 0);
		Browser rep = browser();
		rep.logIn("rep", "rep");
		Flux<ServerSentEvent<String>> stream = rep.events("/staff/dashboard/events");
		long[] expected = new long[1];
		StepVerifier.create(stream)
			// first the figures as they are, so a page never misses what changed before
			// it subscribed
			.assertNext((event) -> {
				assertThat(event.event()).isEqualTo("dashboard");
				assertThat(event.data()).contains("id=\"dash-summary\"", "id=\"dash-aging\"", "id=\"dash-shortfalls\"",
						"id=\"dash-slips\"", "id=\"dash-suppliers\"", "id=\"dash-updated\"");
			})
			.then(() -> {
				this.orders
					.place(new PlaceOrder(shop.unique("LIVE"), shop.unique("live") + "@example.com", "Live Customer",
							List.of(new PlaceOrder.Line(sku, 1_000_000))), "test")
					.block(TIMEOUT);
				expected[0] = this.report.summary().block(TIMEOUT).lines();
			})
			.assertNext((event) -> {
				assertThat(event.event()).isEqualTo("dashboard");
				assertThat(Long.parseLong(event.id())).isPositive();
				assertThat(lines(event.data())).isEqualTo(expected[0]);
				// the largest shortfall of all: a million units nobody has
				assertThat(event.data()).contains("data-sku=\"" + sku + "\"");
			})
			.thenCancel()
			.verify(Duration.ofSeconds(20));
		// no longer the largest shortfall of the shared database for later tests
		shop.execute("update order_line set cancelled = quantity where sku = '" + sku + "'");
	}

	@Test
	void whenASkuIsShortThenItsRowOffersPlannersARestockFormFilledWithTheSkuAndTheShortfall() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("SHORT", 500, 0);
		// the largest shortfall of the shared database, so the dashboard lists it
		shop.order("BO", sku, 1_000_000);
		try {
			Browser planner = browser();
			planner.logIn("planner", "planner");
			String link = "/staff/restocks/new?sku=" + sku + "&amp;quantity=1000000";
			assertThat(planner.get("/staff").body()).contains("href=\"" + link + "\"",
					"aria-label=\"Create a restock of " + sku + " for 1,000,000 units\"");
			// the live stream renders the same row outside the page's request
			StepVerifier.create(planner.events("/staff/dashboard/events").take(1))
				.assertNext((event) -> assertThat(event.data()).contains("href=\"" + link + "\""))
				.expectComplete()
				.verify(Duration.ofSeconds(20));
			Browser.Page form = planner.get("/staff/restocks/new?sku=" + sku + "&quantity=1000000");
			assertThat(form.status()).isEqualTo(HttpStatus.OK);
			assertThat(form.body()).contains("Filled in from the dashboard",
					"name=\"sku\" type=\"text\" required value=\"" + sku + "\"",
					"name=\"quantity\" type=\"number\" required value=\"1000000\"");
			// nothing is created until the planner submits the form
			assertThat(shop.count("select count(*) from restock where sku = '" + sku + "'")).isZero();
			// a quantity the form would refuse is left for the planner to type
			assertThat(planner.get("/staff/restocks/new?sku=" + sku + "&quantity=-5").body())
				.doesNotContain("value=\"-5\"");
			// reps see the shortfall, but creating restocks is the planners' work
			Browser rep = browser();
			rep.logIn("rep", "rep");
			assertThat(rep.get("/staff").body()).contains("data-sku=\"" + sku + "\"").doesNotContain(link);
		}
		finally {
			shop.execute("update order_line set cancelled = quantity where sku = '" + sku + "'");
		}
	}

	@Test
	void whenAnonymousThenTheDashboardStreamRedirectsToTheLoginPage() {
		Browser.Page page = browser().get("/staff/dashboard/events");
		assertThat(page.status().is3xxRedirection()).isTrue();
		assertThat(page.location()).endsWith("/staff/login");
	}

	@Test
	void whenSkuIsShortThenTheSuggestedPurchaseAddsTheDemandExpectedOverTheLeadTimeRoundedUp() {
		// 3 short, 3 ordered in the last 28 days: 3 / 28 a day over 21 days = 2.25, so 3
		Dashboard.Purchase purchase = this.dashboards.purchase(new BacklogReport.Shortfall("S", "S", 2, 2, 3, 3, 0),
				null);
		assertThat(purchase.expectedDemand()).isEqualTo(3);
		assertThat(purchase.suggested()).isEqualTo(6);
		assertThat(this.dashboards.purchase(new BacklogReport.Shortfall("S", "S", 1, 1, 5, 0, 0), null).suggested())
			.isEqualTo(5);
	}

	@Test
	void whenCustomersWaitToHearAProductIsBackThenTheyCountAsDemandOfTheirOwn() {
		Dashboard.Purchase purchase = this.dashboards.purchase(new BacklogReport.Shortfall("S", "S", 1, 1, 2, 0, 4),
				null);
		assertThat(purchase.suggested()).isEqualTo(6);
	}

	@Test
	void whenTheSupplierHasItsOwnLeadTimeAndAMinimumOrderThenThePurchaseUsesThem() {
		// 28 ordered in 28 days over the supplier's own 7 days: 7 expected
		BacklogReport.Shortfall shortfall = new BacklogReport.Shortfall("S", "S", 1, 1, 2, 28, 0);
		Dashboard.Purchase own = this.dashboards.purchase(shortfall, new SupplierTerms("S", "Quick", 7, null));
		assertThat(own.expectedDemand()).isEqualTo(7);
		assertThat(own.suggested()).isEqualTo(9);
		assertThat(own.measuredLeadTime()).isTrue();
		Dashboard.Purchase minimum = this.dashboards.purchase(shortfall, new SupplierTerms("S", "Bulk", 7, 50));
		assertThat(minimum.suggested()).isEqualTo(50);
	}

	@Test
	void whenAProductsWaitlistPassesTheThresholdThenTheDashboardAlertsAndCountsItsDemand() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("WAITLIST", 1000, 0);
		for (int i = 0; i < 10; i++) {
			shop.execute("insert into back_in_stock_request (sku, email) values ('" + sku + "', 'w" + i + "-"
					+ shop.unique("x") + "@example.com')");
		}
		Dashboard dash = this.dashboards.load(Locale.ENGLISH).block(TIMEOUT);
		assertThat(dash.waitlists()).filteredOn((waitlist) -> waitlist.sku().equals(sku))
			.singleElement()
			.satisfies((waitlist) -> assertThat(waitlist.waiting()).isEqualTo(10));
		assertThat(this.report.shortfalls(Instant.EPOCH, 100_000).block(TIMEOUT))
			.filteredOn((shortfall) -> shortfall.sku().equals(sku))
			.singleElement()
			.satisfies((shortfall) -> assertThat(shortfall.waitlist()).isEqualTo(10));
		Browser planner = browser();
		planner.logIn("planner", "planner");
		assertThat(planner.get("/staff").body()).contains("customers waiting to hear they are back",
				"Product " + sku + " (" + sku + "): 10 waiting");
	}

	private static long lines(String html) {
		Matcher matcher = LINES.matcher(html);
		assertThat(matcher.find()).as("data-lines in " + html).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	private Browser browser() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new Browser(this.http, "10.8." + random.nextInt(256) + "." + random.nextInt(256));
	}

}
