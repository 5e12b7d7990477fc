package com.backorderdesk.embedded;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.backorderdesk.DemoShop;
import com.backorderdesk.TestMail;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo shop as a first start loads it, in a database of its own: the three kinds of
 * line of {@code BO-1001}, roughly one order in seven waiting, and nothing loaded twice.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoDataTests {

	private static DemoShop shop;

	private static ConfigurableApplicationContext app;

	@BeforeAll
	static void startWithDemoData() {
		shop = DemoShop.start();
		app = shop.app();
	}

	@AfterAll
	static void stop() {
		if (shop != null) {
			shop.close();
		}
	}

	@Test
	void demoOrderShowsAnAllocatedABackorderedAndAnOutOfStockLine() {
		WebTestClient.bindToServer()
			.baseUrl(shop.baseUrl())
			.build()
			.get()
			.uri("/api/v1/orders/BO-1001")
			.header("Authorization", "Bearer " + DemoShop.API_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.customer.email")
			.isEqualTo("ada@example.com")
			.jsonPath("$.customer.name")
			.isEqualTo("Ada Lovelace")
			.jsonPath("$.lines[0].status")
			.isEqualTo("ALLOCATED")
			.jsonPath("$.lines[1].status")
			.isEqualTo("BACKORDERED")
			.jsonPath("$.lines[1].eta.earliest")
			.exists()
			.jsonPath("$.lines[2].status")
			.isEqualTo("OUT_OF_STOCK")
			.jsonPath("$.lines[2].eta")
			.isEmpty();
	}

	@Test
	void demoShopHasProductsSuppliersRestocksAndAboutOneOrderInSevenWaiting() {
		DatabaseClient db = app.getBean(DatabaseClient.class);
		assertThat(count(db, "select count(*) from product")).isEqualTo(200);
		assertThat(count(db, "select count(distinct category) from product")).isEqualTo(10);
		assertThat(count(db, "select count(*) from supplier")).isEqualTo(5);
		assertThat(count(db, "select count(*) from restock where status <> 'RECEIVED'")).isGreaterThan(20);
		assertThat(count(db, "select count(*) from customer_order")).isEqualTo(2000);
		assertThat(count(db, """
				select count(*) from substitution_offer s join customer_order o on o.id = s.order_id
				where o.number = 'BO-1001' and s.status = 'OFFERED' and s.substitute_sku = 'KETTLE-CLASSIC-004'
				""")).isEqualTo(1);
		long waiting = count(db, """
				select count(*) from customer_order o
				where exists (select 1 from order_line l where l.order_id = o.id and l.allocated < l.quantity)
				""");
		assertThat(waiting).isBetween(200L, 400L);
	}

	@Test
	void demoDataIsLoadedOnlyOnFirstStart() {
		DatabaseClient db = app.getBean(DatabaseClient.class);
		DemoData again = new DemoData(db, app.getBean(com.backorderdesk.catalog.CatalogService.class),
				app.getBean(com.backorderdesk.orders.SupplyChanges.class),
				app.getBean(com.backorderdesk.inventory.InventoryService.class),
				app.getBean(com.backorderdesk.orders.OrderService.class),
				app.getBean(com.backorderdesk.substitution.SubstitutionService.class),
				app.getBean(java.time.Clock.class));
		assertThat(again.loadOnce().block(Duration.ofSeconds(30))).isFalse();
		assertThat(count(db, "select count(*) from customer_order")).isEqualTo(2000);
	}

	@Test
	void startUpSaysItIsReadyOnlyAfterTheDemoShopIsLoadedAndTheServerListens(CapturedOutput output) {
		String log = output.getAll();
		int loading = log.indexOf("Loading the demo shop");
		int loaded = log.indexOf("Loaded the demo shop");
		int listening = log.indexOf("Netty started on port");
		// "Started BackorderDeskApplication in 9.5 seconds" (in a test the main class
		// is the test runner's)
		java.util.regex.Matcher startedLine = java.util.regex.Pattern.compile("Started \\w+ in [0-9.]+ seconds")
			.matcher(log);
		int started = startedLine.find() ? startedLine.start() : -1;
		int ready = log.indexOf(DemoDataConfiguration.READY);
		assertThat(loading).as("a line says the demo shop is loading").isNotNegative();
		assertThat(loaded).as("loaded after loading").isGreaterThan(loading);
		assertThat(listening).as("the port opens once the shop is there").isGreaterThan(loaded);
		assertThat(started).as("Spring Boot's started line after the port").isGreaterThan(listening);
		assertThat(ready).as("the ready line last").isGreaterThan(started);
		// the app's own address (localhost), on the port the test reaches it by
		String port = shop.baseUrl().substring(shop.baseUrl().lastIndexOf(':'));
		assertThat(log.substring(ready)).contains("http://localhost" + port + "/", "BO-1001", "ada@example.com");
		assertThat(app.getBean(DemoDataConfiguration.DemoDataLoader.class).wasStopped()).isFalse();
	}

	@Test
	void theMailServerLogsNoLineForEachNewAddress(CapturedOutput output) throws Exception {
		String to = "new-address-" + java.util.UUID.randomUUID() + "@example.com";
		com.icegreen.greenmail.util.GreenMailUtil.sendTextEmail(to, "shop@example.com", "Hello", "Hello",
				TestMail.get().smtp().getSmtp().getServerSetup());
		TestMail.get().await(to, 1, Duration.ofSeconds(30));
		assertThat(output.getAll()).doesNotContain("Created user login " + to)
			.doesNotContain("c.icegreen.greenmail.user.UserManager");
	}

	private static long count(DatabaseClient db, String sql) {
		Long value = db.sql(sql).map((row) -> row.get(0, Long.class)).one().block(Duration.ofSeconds(10));
		return (value != null) ? value : 0;
	}

}
