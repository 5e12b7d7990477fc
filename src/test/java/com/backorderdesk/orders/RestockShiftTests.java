package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import com.backorderdesk.notification.MailContent;
import com.backorderdesk.notification.MailPreviews;
import reactor.test.StepVerifier;

import com.backorderdesk.InvalidValueException;
import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.RestockShift;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supplier's slip moved in bulk: 500 restocks feeding 5,000 orders move in one
 * transaction, all or nothing, and the preview counts exactly what the apply does.
 */
@SpringBootTest
class RestockShiftTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static final int RESTOCKS = 500;

	private static final int ORDERS = 5000;

	private static final int CUSTOMERS = 2500;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private MailPreviews previews;

	@Autowired
	private Replanner replanner;

	@Autowired
	private DatabaseClient db;

	@Autowired
	private TransactionalOperator transactions;

	@Autowired
	private Clock clock;

	@Autowired
	private ApplicationContext context;

	@Test
	void whenFiveHundredRestocksShiftThenThePreviewMatchesTheApplyAndEveryOrderMoves() {
		Shop shop = shop();
		RestockShift shift = new RestockShift(List.of(), shop.supplier(), 7);
		MailPreviews.ShiftPreview preview = this.previews.previewShift(shift, null, "planner").block(TIMEOUT);
		assertThat(preview.restocks()).hasSize(RESTOCKS);
		// every order's one line moves past its first promise: every customer gets a
		// delay
		// notice, whatever they chose, since the FTC rule requires it
		SupplyImpact impact = preview.mails().impact();
		assertThat(impact.orderLines()).isEqualTo(ORDERS);
		assertThat(impact.orders()).isEqualTo(ORDERS);
		assertThat(impact.customers()).isEqualTo(CUSTOMERS);
		assertThat(preview.mails().emails()).isEqualTo(ORDERS);
		assertThat(preview.mails().count(MailContent.DELAY_NOTICE)).isEqualTo(ORDERS);
		assertThat(preview.mails().anyLater()).isTrue();
		assertThat(fingerprint(shop.prefix())).as("the preview changed nothing").isEqualTo(shop.before());

		long started = System.nanoTime();
		RestockShiftOutcome applied = this.supply.shiftRestocks(shift, null, "planner").block(TIMEOUT);
		System.out.printf("Bulk shift: %d restocks, %d orders in %d ms%n", RESTOCKS, ORDERS,
				(System.nanoTime() - started) / 1_000_000);
		assertThat(applied.restocks()).isEqualTo(preview.restocks());
		assertThat(applied.impact()).isEqualTo(impact);
		assertThat(count("select count(*) from restock where sku like '" + shop.prefix() + "-%' and expected_on = '"
				+ today().plusDays(17) + "'"))
			.isEqualTo(RESTOCKS);
		assertThat(count("select count(distinct e.order_id) from order_event e join customer_order o on o.id = "
				+ "e.order_id where o.number like '" + shop.prefix() + "-O%' and e.payload->>'reason' = '"
				+ ReplanReason.RESTOCKS_SHIFTED + "'"))
			.isEqualTo(ORDERS);
		assertThat(count("select count(*) from order_line where sku like '" + shop.prefix() + "-%' and eta_earliest = '"
				+ today().plusDays(21) + "'"))
			.isEqualTo(ORDERS);
	}

	@Test
	void whenTheShiftFailsMidWayThenNothingChanges() {
		Shop shop = shop();
		String actor = "failing-" + shop.prefix();
		// the events are written after the restocks and the order lines: make that write
		// fail, for this test's actor only
		execute("""
				create function fail_%1$s() returns trigger language plpgsql as $$
				begin raise exception 'event store unavailable'; end; $$;
				create trigger fail_%1$s before insert on order_event for each row
					when (new.actor = '%2$s') execute function fail_%1$s();
				""".formatted(shop.prefix().replace('-', '_'), actor));
		try {
			StepVerifier.create(this.supply.shiftRestocks(new RestockShift(List.of(), shop.supplier(), 7), null, actor))
				.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("event store unavailable"))
				.verify(TIMEOUT);
		}
		finally {
			execute("drop trigger fail_%1$s on order_event; drop function fail_%1$s();"
				.formatted(shop.prefix().replace('-', '_')));
		}
		assertThat(fingerprint(shop.prefix())).isEqualTo(shop.before());
	}

	@Test
	void whenAShiftWouldMoveADateMoreThanFiveYearsAheadThenNothingMoves() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("FAR", 1000, 0);
		String supplier = shop.unique("Far supplier");
		LocalDate soon = today().plusDays(10);
		LocalDate late = today().plusYears(5).minusDays(3);
		this.supply.createRestock(new NewRestock(sku, supplier, 5, soon), "planner").block(TIMEOUT);
		this.supply.createRestock(new NewRestock(sku, supplier, 5, late), "planner").block(TIMEOUT);
		RestockShift shift = new RestockShift(List.of(), supplier, 7);
		for (Mono<?> attempt : List.of(this.previews.previewShift(shift, null, "planner"),
				this.supply.shiftRestocks(shift, null, "planner"))) {
			StepVerifier.create(attempt)
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidValueException.class)
					.hasMessageContaining("at most 5 years ahead")
					.extracting("field")
					.isEqualTo("days"))
				.verify(TIMEOUT);
		}
		assertThat(count("select count(*) from restock where sku = '" + sku + "' and expected_on in ('" + soon + "', '"
				+ late + "')"))
			.isEqualTo(2);
		assertThat(this.supply.shiftRestocks(new RestockShift(List.of(), supplier, 3), null, "planner")
			.block(TIMEOUT)
			.restocks()).hasSize(2);
	}

	/**
	 * 500 products, each with an open restock of one supplier due in 10 days, and 5,000
	 * one-line orders waiting on them, inserted set-based and planned in one pass.
	 */
	private Shop shop() {
		String prefix = "BULK-" + UUID.randomUUID().toString().substring(0, 8);
		String supplier = "Bulk supplier " + prefix;
		LocalDate due = today().plusDays(10);
		execute("""
				insert into product (sku, name, category, price_cents, currency)
					select '%1$s-' || g, 'Bulk product ' || g, 'Test', 1000, 'EUR' from generate_series(1, %3$d) g;
				insert into stock (sku, on_hand) select '%1$s-' || g, 0 from generate_series(1, %3$d) g;
				insert into supplier (name) values ('%2$s');
				insert into restock (sku, supplier_id, quantity, promised_on, expected_on)
					select '%1$s-' || g, (select id from supplier where name = '%2$s'), 100, '%4$s', '%4$s'
					from generate_series(1, %3$d) g;
				insert into customer_order (number, customer_email, customer_name, placed_at, email_preference)
					select '%1$s-O' || g, 'c' || (g %% %6$d) || '@%1$s.example', 'Customer ' || g,
						now() - interval '1 day' + g * interval '1 millisecond',
						case when g %% 2 = 0 then 'EVERY_UPDATE' else 'IMPORTANT_ONLY' end
					from generate_series(1, %5$d) g;
				insert into order_line (order_id, line_no, sku, quantity, unit_price_cents, currency)
					select o.id, 1, '%1$s-' || (1 + substring(o.number from '[0-9]+$')::int %% %3$d), 1, 1000, 'EUR'
					from customer_order o where o.number like '%1$s-O%%';
				""".formatted(prefix, supplier, RESTOCKS, due, ORDERS, CUSTOMERS));
		List<String> skus = this.db.sql("select sku from product where sku like :prefix")
			.bind("prefix", prefix + "-%")
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block(TIMEOUT);
		this.transactions.transactional(this.replanner.replan(skus)).block(TIMEOUT);
		return new Shop(prefix, supplier, fingerprint(prefix));
	}

	/** Everything a shift of the shop may touch, as one text to compare. */
	private String fingerprint(String prefix) {
		return this.db.sql("""
				select md5(string_agg(x, '|' order by x)) from (
					select concat_ws(',', 'r', id, expected_on, version) from restock where sku like :skus
					union all
					select concat_ws(',', 'l', id, allocated, scheduled, eta_earliest, eta_latest, restock_id, version)
					from order_line where sku like :skus
					union all
					select concat_ws(',', 'e', count(*)) from order_event e join customer_order o on o.id = e.order_id
					where o.number like :orders
				) as t(x)
				""")
			.bind("skus", prefix + "-%")
			.bind("orders", prefix + "-O%")
			.map((row) -> row.get(0, String.class))
			.one()
			.block(TIMEOUT);
	}

	private record Shop(String prefix, String supplier, String before) {

	}

	private long count(String sql) {
		Long value = this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block(TIMEOUT);
		return (value != null) ? value : 0;
	}

	private void execute(String sql) {
		this.db.sql(sql).then().block(TIMEOUT);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
