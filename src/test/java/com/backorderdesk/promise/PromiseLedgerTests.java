package com.backorderdesk.promise;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.NewReceipt;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockShift;
import com.backorderdesk.orders.NewShipment;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.Shipments;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger follows one line through the real services: its first window, a slip the
 * customer sees, the day its units are ready and the day they ship.
 */
@SpringBootTest
class PromiseLedgerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private ApplicationContext context;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private Shipments shipments;

	@Autowired
	private Clock clock;

	@Test
	void aLinesFirstWindowLaterWindowsReadyAndShippedDaysAreKept() {
		TestShop shop = new TestShop(this.context);
		LocalDate today = LocalDate.now(this.clock);
		String sku = shop.product("LEDGER", 1000, 0);
		String supplier = shop.unique("Ledger supplier");
		Restock restock = this.supply.createRestock(new NewRestock(sku, supplier, 2, today.plusDays(10)), "test")
			.block(TIMEOUT);
		String number = shop.order("LEDGER", sku, 1).number();
		OrderLineView line = shop.line(number, sku);
		String where = " from promise where line_id = " + line.id();
		assertThat(shop.text("select first_earliest || '/' || first_latest" + where))
			.isEqualTo(line.eta().earliest() + "/" + line.eta().latest());
		assertThat(shop.count("select restock_id" + where)).isEqualTo(restock.id());

		// far beyond the allowance: the customer's latest date moves
		this.supply.shiftRestocks(new RestockShift(List.of(restock.id()), null, 20), null, "planner").block(TIMEOUT);
		OrderLineView moved = shop.line(number, sku);
		assertThat(moved.eta().latest()).isAfter(line.eta().latest());
		assertThat(shop.count("select changes" + where)).isEqualTo(1);
		assertThat(shop.text("select first_latest || '/' || current_latest" + where))
			.isEqualTo(line.eta().latest() + "/" + moved.eta().latest());
		assertThat(shop.count("select count(*) from promise_change where line_id = " + line.id())).isEqualTo(1);

		this.supply.receiveRestock(restock.id(), new NewReceipt(2, today, null), "planner").block(TIMEOUT);
		assertThat(shop.text("select ready_on::text" + where)).isEqualTo(today.toString());
		assertThat(shop.count("select changes" + where)).as("becoming ready is no new promise").isEqualTo(1);

		this.shipments.ship(number, new NewShipment("parcel-1", List.of(new NewShipment.Line(sku, 1))), "warehouse")
			.block(TIMEOUT);
		assertThat(shop.text("select shipped_on::text" + where)).isEqualTo(today.toString());
		assertThat(
				shop.count("select count(*) from handling_spread where calibrated_at >= now() - interval '1 minute'"))
			.as("the shipment recalibrated the warehouse's handling spread")
			.isOne();
	}

	@Test
	void aLineInStockWhenOrderedMakesNoPromise() {
		TestShop shop = new TestShop(this.context);
		String sku = shop.product("LEDGER-STOCK", 1000, 5);
		OrderLineView line = shop.order("LEDGER-STOCK", sku, 1).lines().get(0);
		assertThat(shop.count("select count(*) from promise where line_id = " + line.id())).isZero();
	}

}
