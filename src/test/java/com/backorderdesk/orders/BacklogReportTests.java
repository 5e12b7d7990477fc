package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's figures against orders and restocks made here. Other tests share the
 * database, so totals are compared before and after, and lists are searched for this
 * test's own SKUs.
 */
@SpringBootTest
class BacklogReportTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private BacklogReport report;

	@Autowired
	private OrderService orders;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private InventoryService inventory;

	@Autowired
	private Clock clock;

	@Autowired
	private ApplicationContext context;

	@Test
	void whenOrdersWaitThenLinesUnitsValueCustomersAndAgingGrowByTheirs() {
		TestShop shop = new TestShop(this.context);
		String lamp = shop.product("LAMP", 2500, 0);
		shop.restock(lamp, 3, today().plusDays(10));
		String chair = shop.product("CHAIR", 1000, 1);
		BacklogReport.Summary before = summary();
		List<BacklogReport.AgeBucket> agingBefore = aging();
		Instant now = this.clock.instant();
		// two customers: the second one's address differs only in case on two orders
		place(shop.unique("A"), shop.unique("ada") + "@example.com", now, lamp, 2, chair, 3);
		place(shop.unique("B"), shop.unique("Bob") + "@Example.com", now.minus(Duration.ofDays(10)), lamp, 2);
		place(shop.unique("C"), shop.unique("bob") + "@example.com", now.minus(Duration.ofDays(40)), chair, 1);

		BacklogReport.Summary after = summary();
		assertThat(after.lines() - before.lines()).isEqualTo(4);
		assertThat(after.orders() - before.orders()).isEqualTo(3);
		assertThat(after.customers() - before.customers()).isEqualTo(2);
		// lamp: 4 waiting, the restock's 3 scheduled; chair: 1 of 4 allocated, 3 without
		// a date
		assertThat(after.units() - before.units()).isEqualTo(7);
		assertThat(after.unscheduledUnits() - before.unscheduledUnits()).isEqualTo(4);
		assertThat(after.valueCents().get("EUR") - before.valueCents().getOrDefault("EUR", 0L))
			.isEqualTo(4 * 2500 + 3 * 1000);

		List<BacklogReport.AgeBucket> agingAfter = aging();
		assertThat(agingAfter).extracting(BacklogReport.AgeBucket::fromDays).containsExactly(0, 8, 15, 31);
		assertThat(agingAfter).extracting(BacklogReport.AgeBucket::toDays).containsExactly(7, 14, 30, null);
		long[] lines = new long[4];
		long[] units = new long[4];
		for (int i = 0; i < 4; i++) {
			lines[i] = agingAfter.get(i).lines() - agingBefore.get(i).lines();
			units[i] = agingAfter.get(i).units() - agingBefore.get(i).units();
		}
		assertThat(lines).containsExactly(2, 1, 0, 1);
		assertThat(units).containsExactly(4, 2, 0, 1);
	}

	@Test
	void whenNoPlannedSupplyCoversDemandThenTheSkuIsListedWithItsShortfallAndRecentDemand() {
		TestShop shop = new TestShop(this.context);
		String kettle = shop.product("KETTLE", 3000, 1);
		shop.restock(kettle, 2, today().plusDays(5));
		Instant now = this.clock.instant();
		place(shop.unique("D"), shop.unique("d") + "@example.com", now, kettle, 4);
		place(shop.unique("E"), shop.unique("e") + "@example.com", now.minus(Duration.ofDays(3)), kettle, 2);
		// ordered long ago: short, but not recent demand
		place(shop.unique("F"), shop.unique("f") + "@example.com", now.minus(Duration.ofDays(60)), kettle, 1);
		String covered = shop.product("COVERED", 3000, 0);
		shop.restock(covered, 50, today().plusDays(5));
		place(shop.unique("G"), shop.unique("g") + "@example.com", now, covered, 2);

		StepVerifier.create(this.report.shortfalls(now.minus(Duration.ofDays(28)), 100_000))
			.assertNext((shortfalls) -> {
				// 7 ordered, 1 on hand, 2 on the way: 4 short over 2 lines of 2 orders
				assertThat(shortfalls).filteredOn((s) -> s.sku().equals(kettle)).singleElement().satisfies((s) -> {
					assertThat(s.units()).isEqualTo(4);
					assertThat(s.name()).isEqualTo("Product " + kettle);
					assertThat(s.recentlyOrdered()).isEqualTo(6);
					assertThat(s.orders()).isEqualTo(s.lines());
				});
				assertThat(shortfalls).noneMatch((s) -> s.sku().equals(covered));
				// sign-ups for a product count as demand beside the waiting units
				assertThat(shortfalls)
					.isSortedAccordingTo((a, b) -> Long.compare(b.units() + b.waitlist(), a.units() + a.waitlist()));
			})
			.verifyComplete();
		StepVerifier.create(this.report.shortfalls(now.minus(Duration.ofDays(28)), 3))
			.assertNext((top) -> assertThat(top).hasSizeLessThanOrEqualTo(3))
			.verifyComplete();
	}

	@Test
	void whenWindowsMoveLaterOrAreLostThenTheLinesCountAsSlippedButNotWhenTheyMoveEarlier() {
		TestShop shop = new TestShop(this.context);
		Instant now = this.clock.instant();
		String later = shop.product("LATER", 100, 0);
		long laterRestock = restock(shop, later, today().plusDays(7));
		String earlier = shop.product("EARLIER", 100, 0);
		long earlierRestock = restock(shop, earlier, today().plusDays(20));
		String lost = shop.product("LOST", 100, 0);
		long lostRestock = restock(shop, lost, today().plusDays(7));
		String movedLater = place(shop.unique("H"), shop.unique("h") + "@example.com", now, later, 1);
		String movedEarlier = place(shop.unique("I"), shop.unique("i") + "@example.com", now, earlier, 1);
		String noDate = place(shop.unique("J"), shop.unique("j") + "@example.com", now, lost, 1);
		long before = slips().count();

		update(laterRestock, new RestockChange(today().plusDays(21), null, null, null));
		update(earlierRestock, new RestockChange(today().plusDays(9), null, null, null));
		update(lostRestock, new RestockChange(null, null, RestockStatus.CANCELLED, null));

		BacklogReport.Slips after = slips();
		// the count is of every test's orders in a window that moves with the clock: only
		// this test's own orders are counted exactly
		assertThat(after.count()).isGreaterThanOrEqualTo(before + 2);
		assertThat(after.latest()).extracting(BacklogReport.Slip::orderNumber)
			.filteredOn((number) -> List.of(movedLater, movedEarlier, noDate).contains(number))
			.containsOnly(movedLater, noDate);
		BacklogReport.Slip slipped = after.latest()
			.stream()
			.filter((slip) -> slip.orderNumber().equals(movedLater))
			.findFirst()
			.orElseThrow();
		assertThat(slipped.sku()).isEqualTo(later);
		assertThat(slipped.before()).isNotNull();
		assertThat(slipped.after()).isNotNull();
		assertThat(slipped.after().latest()).isAfter(slipped.before().latest());
		assertThat(after.latest().stream().filter((slip) -> slip.orderNumber().equals(noDate)).findFirst())
			.hasValueSatisfying((slip) -> assertThat(slip.after()).isNull());
	}

	@Test
	void whenRestocksWereReceivedThenTheSupplierShowsItsOnTimeShareAndAverageLateness() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("HISTORY", 100, 0);
		String supplier = shop.unique("Punctual-ish Ltd");
		LocalDate promised = today().minusDays(30);
		for (int late : new int[] { 0, 2, 4, -1 }) {
			shop.received(sku, supplier, promised, promised.plusDays(late));
		}
		StepVerifier.create(this.inventory.supplierReliability())
			.assertNext((suppliers) -> assertThat(suppliers).filteredOn((s) -> s.supplier().equals(supplier))
				.singleElement()
				.satisfies((s) -> {
					assertThat(s.received()).isEqualTo(4);
					// early counts as on time, and as 0 days late
					assertThat(s.onTime()).isEqualTo(2);
					assertThat(s.onTimeShare()).isEqualTo(0.5);
					assertThat(s.averageDaysLate()).isEqualTo(1.5);
				}))
			.verifyComplete();
	}

	private String place(String number, String email, Instant placedAt, Object... skuAndQuantity) {
		List<PlaceOrder.Line> lines = new ArrayList<>();
		for (int i = 0; i < skuAndQuantity.length; i += 2) {
			lines.add(new PlaceOrder.Line((String) skuAndQuantity[i], (Integer) skuAndQuantity[i + 1]));
		}
		this.orders.place(new PlaceOrder(number, email, "Test Customer", lines, placedAt), "test").block(TIMEOUT);
		return number;
	}

	private long restock(TestShop shop, String sku, LocalDate expectedOn) {
		shop.restock(sku, 5, expectedOn);
		return shop.count("select max(id) from restock where sku = '" + sku + "'");
	}

	private void update(long restockId, RestockChange change) {
		this.supply.updateRestock(restockId, change, "test").block(TIMEOUT);
	}

	private BacklogReport.Summary summary() {
		return this.report.summary().block(TIMEOUT);
	}

	private List<BacklogReport.AgeBucket> aging() {
		return this.report.aging(today(), this.clock.getZone()).block(TIMEOUT);
	}

	private BacklogReport.Slips slips() {
		return this.report.slips(this.clock.instant().minus(Duration.ofDays(7)), 20).block(TIMEOUT);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
