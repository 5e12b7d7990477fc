package com.backorderdesk.promise;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The report's figures on a hand-built history: four first promises of one supplier's
 * SKU, with outcomes chosen by hand (handling 1 day, shipping 3 days).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class PromiseReportTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** A month no other test's promise falls due in. */
	private static final LocalDate DUE = LocalDate.of(2020, 1, 15);

	@Autowired
	private ApplicationContext context;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private PromiseReport report;

	@Autowired
	private WebTestClient http;

	@Autowired
	private Clock clock;

	@Test
	void theReportCountsKeptPromisesAndMeanSlipBySupplierCategoryMonthAndSku() {
		TestShop shop = new TestShop(this.context);
		LocalDate today = LocalDate.now(this.clock);
		String category = shop.unique("Promise category");
		String sku = shop.product("PROMISE", 1000, 0);
		this.catalog.upsert(new Product(sku, "Promised thing", category, Map.of(), 1000, "EUR")).block(TIMEOUT);
		String supplier = shop.unique("Promise supplier");
		this.supply.createRestock(new NewRestock(sku, supplier, 10, today.plusDays(5)), "test").block(TIMEOUT);
		long[] lines = new long[4];
		for (int i = 0; i < lines.length; i++) {
			OrderLineView line = shop.order("PROMISE" + i, sku, 1).lines().get(0);
			assertThat(shop.count("select count(*) from promise where line_id = " + line.id())).isOne();
			lines[i] = line.id();
		}
		// shipped 3 days before the latest date: delivered on it, kept
		outcome(shop, lines[0], DUE, "shipped_on = '" + DUE.minusDays(3) + "'");
		// shipped a day before it: delivered 2 days late
		outcome(shop, lines[1], DUE, "shipped_on = '" + DUE.minusDays(1) + "'");
		// ready 4 days before it (1 handling, 3 shipping), not shipped yet: kept
		outcome(shop, lines[2], DUE, "ready_on = '" + DUE.minusDays(4) + "'");
		// due 10 days ago and still not ready: at best 14 days late
		outcome(shop, lines[3], today.minusDays(10), "ready_on = null");

		assertThat(this.report.bySupplier(today).block(TIMEOUT)).filteredOn((row) -> row.label().equals(supplier))
			.singleElement()
			.isEqualTo(new PromiseReport.Figures(supplier, 4, 2, 4.0));
		assertThat(this.report.byCategory(today).block(TIMEOUT)).filteredOn((row) -> row.label().equals(category))
			.singleElement()
			.isEqualTo(new PromiseReport.Figures(category, 4, 2, 4.0));
		assertThat(this.report.byMonth(today).block(TIMEOUT)).filteredOn((row) -> row.label().equals("2020-01"))
			.singleElement()
			.satisfies((month) -> {
				assertThat(month.promises()).isEqualTo(3);
				assertThat(month.kept()).isEqualTo(2);
				assertThat(month.meanSlipDays()).isCloseTo(2.0 / 3, offset(1e-9));
			});
		assertThat(this.report.worstSkus(today, 1000).block(TIMEOUT)).filteredOn((row) -> row.label().equals(sku))
			.singleElement()
			.satisfies((row) -> assertThat(row.keptShare()).isEqualTo(0.5));

		Browser planner = new Browser(this.http,
				"10.9." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256));
		planner.logIn("planner", "planner");
		Browser.Page page = planner.get("/staff/promises");
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(page.body()).contains("<svg", "By supplier", supplier, category, "50% (2/4)",
				"/staff/restocks?supplier=", "/staff/restocks?sku=" + sku);
		Browser rep = new Browser(this.http,
				"10.10." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256));
		rep.logIn("rep", "rep");
		assertThat(rep.get("/staff/promises").status()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private static void outcome(TestShop shop, long lineId, LocalDate firstLatest, String set) {
		shop.execute("update promise set first_earliest = '" + firstLatest.minusDays(2) + "', first_latest = '"
				+ firstLatest + "', ready_on = null, shipped_on = null where line_id = " + lineId);
		shop.execute("update promise set " + set + " where line_id = " + lineId);
	}

}
