package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestShop;
import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.inventory.NewReceipt;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockShift;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How suppliers' delivery records reach customers' windows, through the services and
 * PostgreSQL: a late supplier's restock never takes over a punctual one's lines.
 */
@SpringBootTest
class SupplierLatenessTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private ApplicationContext context;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private Clock clock;

	private TestShop shop;

	@BeforeEach
	void shop() {
		this.shop = new TestShop(this.context);
	}

	@Test
	void whenOneOfTwoSameDayRestocksMovesEarlierThenNoLinesWindowGetsLater() {
		String punctual = this.shop.unique("Punctual");
		String late = this.shop.unique("Late");
		String sku = this.shop.product("SAMEDAY", 1000, 0);
		String past = this.shop.product("PAST", 1000, 0);
		history(past, punctual, 20, 0);
		history(past, late, 3, 12);
		// the punctual supplier's restock is created first, so it has the lower id
		create(sku, punctual, 2, today().plusDays(10));
		create(sku, late, 2, today().plusDays(10));
		List<String> orders = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			orders.add(this.shop.order("SAMEDAY" + i, sku, 1).number());
		}
		List<EtaWindow> before = windows(orders, sku);
		assertThat(before.get(0).latest()).as("the punctual restock serves the front of the queue")
			.isBefore(before.get(3).latest());

		this.supply.shiftRestocks(new RestockShift(List.of(), late, -2), null, "planner").block(TIMEOUT);

		List<EtaWindow> after = windows(orders, sku);
		for (int i = 0; i < orders.size(); i++) {
			assertThat(after.get(i).latest())
				.as("line of %s was %s, now %s", orders.get(i), before.get(i), after.get(i))
				.isBeforeOrEqualTo(before.get(i).latest());
		}
		assertThat(after.get(3).latest()).as("the late restock's lines moved earlier").isBefore(before.get(3).latest());
		for (String order : orders) {
			assertThat(this.shop.events(order)).as("no delay notice for %s", order).doesNotContain("DELAY_NOTICED");
		}
	}

	@Test
	void whenAReceiptShowsASupplierIsLateThenTheLinesItsOtherRestocksCoverGetWiderWindowsAtOnce() {
		String supplier = this.shop.unique("Slipping");
		String waiting = this.shop.product("OTHER", 1000, 0);
		create(waiting, supplier, 1, today().plusDays(10));
		String number = this.shop.order("OTHER", waiting, 1).number();
		EtaWindow before = this.shop.line(number, waiting).eta();
		long eventsBefore = historyEvents(number);

		String received = this.shop.product("RECEIVED", 1000, 0);
		history(received, supplier, 4, 40);

		EtaWindow after = this.shop.line(number, waiting).eta();
		assertThat(after.earliest()).isEqualTo(before.earliest());
		assertThat(after.latest()).as("was %s", before).isAfterOrEqualTo(before.earliest().plusDays(40));
		assertThat(historyEvents(number)).as("the customer's timeline says why").isGreaterThan(eventsBefore);
	}

	private long historyEvents(String number) {
		return this.shop.count(
				"select count(*) from order_event e join customer_order o on o.id = e.order_id " + "where o.number = '"
						+ number + "' and e.payload->>'reason' = '" + ReplanReason.SUPPLIER_HISTORY + "'");
	}

	/** Restocks of a supplier received in full, each {@code daysLate} after its date. */
	private void history(String sku, String supplier, int restocks, int daysLate) {
		for (int i = 0; i < restocks; i++) {
			// a new restock cannot be dated in the past: date it back once created
			Restock restock = create(sku, supplier, 1, today());
			LocalDate expected = today().minusDays(60);
			this.shop.execute("update restock set promised_on = '" + expected + "', expected_on = '" + expected
					+ "' where id = " + restock.id());
			this.supply
				.receiveRestock(restock.id(), new NewReceipt(1, today().minusDays(60 - daysLate), null), "planner")
				.block(TIMEOUT);
		}
	}

	private Restock create(String sku, String supplier, int quantity, LocalDate expectedOn) {
		return this.supply.createRestock(new NewRestock(sku, supplier, quantity, expectedOn), "test").block(TIMEOUT);
	}

	private List<EtaWindow> windows(List<String> orders, String sku) {
		return orders.stream().map((number) -> this.shop.line(number, sku).eta()).toList();
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
