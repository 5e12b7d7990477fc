package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InputRules;
import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.NewReceipt;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockStatus;
import com.backorderdesk.inventory.SupplierReliability;
import com.backorderdesk.inventory.SupplySnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receiving restocks and editing them concurrently, through the services and PostgreSQL.
 */
@SpringBootTest
class RestockReceiptTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private ApplicationContext context;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private OrderService orders;

	@Autowired
	private InventoryService inventory;

	@Autowired
	private TransactionalOperator transactions;

	@Autowired
	private Clock clock;

	private TestShop shop;

	@BeforeEach
	void shop() {
		this.shop = new TestShop(this.context);
	}

	@Test
	void whenAReceiptWouldTakeTheStockBeyondItsBoundThenNothingIsReceived() {
		String sku = this.shop.product("FULL", 1000, InputRules.MAX_ON_HAND - 2);
		Restock restock = this.supply
			.createRestock(new NewRestock(sku, this.shop.unique("Full supplier"), 5, today().plusDays(10)), "test")
			.block(TIMEOUT);
		StepVerifier
			.create(this.supply.receiveRestock(restock.id(), new NewReceipt(3, today(), restock.version()), "planner"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("would exceed")
				.extracting("field")
				.isEqualTo("quantity"))
			.verify(TIMEOUT);
		assertThat(this.shop.count("select on_hand from stock where sku = '" + sku + "'"))
			.isEqualTo(InputRules.MAX_ON_HAND - 2);
		assertThat(this.inventory.find(restock.id()).block(TIMEOUT).quantityReceived()).isZero();
		assertThat(this.supply.receiveRestock(restock.id(), new NewReceipt(2, today(), restock.version()), "planner")
			.block(TIMEOUT)
			.after()
			.quantityReceived()).isEqualTo(2);
	}

	@Test
	void whenStockIsReceivedThenEarlierOrdersGetTheUnitsFirst() {
		String sku = this.shop.product("QUEUE", 1000, 0);
		Restock restock = this.supply
			.createRestock(new NewRestock(sku, this.shop.unique("Queue supplier"), 5, today().plusDays(10)), "test")
			.block(TIMEOUT);
		// placed in the order first, second, third
		String first = place("Q1", sku, 2, Instant.now().minusSeconds(30));
		String second = place("Q2", sku, 2, Instant.now().minusSeconds(20));
		String third = place("Q3", sku, 2, Instant.now().minusSeconds(10));

		Restock partly = this.supply
			.receiveRestock(restock.id(), new NewReceipt(3, today(), restock.version()), "planner")
			.block(TIMEOUT)
			.after();
		assertThat(partly.status()).isEqualTo(RestockStatus.PLANNED);
		assertThat(partly.quantityReceived()).isEqualTo(3);
		assertThat(partly.receivedOn()).isNull();
		assertThat(line(first, sku)).extracting(OrderLineView::allocated, OrderLineView::status)
			.containsExactly(2, LineStatus.ALLOCATED);
		assertThat(line(second, sku))
			.extracting(OrderLineView::allocated, OrderLineView::scheduled, OrderLineView::status)
			.containsExactly(1, 1, LineStatus.PARTIALLY_ALLOCATED);
		assertThat(line(third, sku))
			.extracting(OrderLineView::allocated, OrderLineView::scheduled, OrderLineView::unscheduled)
			.containsExactly(0, 1, 1);
		assertThat(this.shop.events(first)).last().isEqualTo("LINES_REPLANNED");

		Restock full = this.supply.receiveRestock(restock.id(), new NewReceipt(2, today(), partly.version()), "planner")
			.block(TIMEOUT)
			.after();
		assertThat(full.status()).isEqualTo(RestockStatus.RECEIVED);
		assertThat(full.receivedOn()).isEqualTo(today());
		assertThat(line(second, sku).status()).isEqualTo(LineStatus.ALLOCATED);
		assertThat(line(third, sku)).extracting(OrderLineView::allocated, OrderLineView::unscheduled)
			.containsExactly(1, 1);
		assertThat(this.shop.count("select on_hand from stock where sku = '" + sku + "'")).isEqualTo(5);
		assertThat(this.shop.count("select count(*) from restock_receipt where restock_id = " + restock.id()))
			.isEqualTo(2);
	}

	@Test
	void whenMoreThanIsStillToComeIsReceivedThenNothingChanges() {
		String sku = this.shop.product("OVER", 1000, 0);
		Restock restock = this.supply
			.createRestock(new NewRestock(sku, this.shop.unique("Over supplier"), 5, today().plusDays(3)), "test")
			.block(TIMEOUT);
		StepVerifier.create(this.supply.receiveRestock(restock.id(), new NewReceipt(6, today(), null), "planner"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("Only 5 units"))
			.verify(TIMEOUT);
		assertThat(this.shop.count("select on_hand from stock where sku = '" + sku + "'")).isZero();
	}

	@Test
	void whenASupplierDeliveredLateThenItsReceiptsWidenTheWindowsAndShowInItsReliability() {
		String supplier = this.shop.unique("Late supplier");
		String sku = this.shop.product("LATE", 1000, 0);
		for (int i = 0; i < 3; i++) {
			// promised 12 days ago, received 7 days ago: 5 days late; a restock can only
			// be
			// created for today or later, so this one is dated back after the fact
			Restock restock = this.supply.createRestock(new NewRestock(sku, supplier, 4, today()), "test")
				.block(TIMEOUT);
			this.shop.execute("update restock set promised_on = '" + today().minusDays(12) + "', expected_on = '"
					+ today().minusDays(12) + "' where id = " + restock.id());
			this.supply.receiveRestock(restock.id(), new NewReceipt(4, today().minusDays(7), null), "planner")
				.block(TIMEOUT);
		}
		this.supply.createRestock(new NewRestock(sku, supplier, 4, today().plusDays(20)), "test").block(TIMEOUT);

		SupplySnapshot supply = this.transactions.transactional(this.inventory.lockSupply(List.of(sku)))
			.block(TIMEOUT)
			.get(sku);
		assertThat(supply.restocks()).singleElement()
			.satisfies((open) -> assertThat(open.supplierLatenessDays()).as("never less than its own record shows")
				.isGreaterThanOrEqualTo(5));
		List<SupplierReliability> reliability = this.inventory.supplierReliability().block(TIMEOUT);
		assertThat(reliability).filteredOn((entry) -> entry.supplier().equals(supplier))
			.singleElement()
			.isEqualTo(new SupplierReliability(supplier, 3, 0, 0.0, 5.0));
	}

	@Test
	void whenRestocksOfOneNewSupplierAreCreatedAtOnceThenEveryOneIsStoredWithThatSupplier() {
		String sku = this.shop.product("NEWSUP", 1000, 0);
		String supplier = this.shop.unique("Brand-new supplier");
		List<Mono<Restock>> creations = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			creations.add(this.supply.createRestock(new NewRestock(sku, supplier, 1 + i, today().plusDays(5)), "test")
				.subscribeOn(Schedulers.parallel()));
			creations.add(this.supply
				.createRestocks(List.of(new NewRestock(sku, supplier + " " + i % 2, 1, today().plusDays(6))), "test")
				.map((created) -> created.get(0))
				.subscribeOn(Schedulers.parallel()));
		}
		StepVerifier.create(Flux.merge(creations)).expectNextCount(12).expectComplete().verify(TIMEOUT);
		assertThat(this.shop.count("select count(*) from restock r join supplier s on s.id = r.supplier_id "
				+ "where r.sku = '" + sku + "' and s.name like '" + supplier + "%'"))
			.isEqualTo(12);
		assertThat(this.shop.count("select count(*) from supplier where name like '" + supplier + "%'")).isEqualTo(3);
	}

	@Test
	void whenTwoEditsOfOneRestockRaceThenExactlyOneWinsAndTheOtherSeesTheConflict() {
		String sku = this.shop.product("RACE", 1000, 0);
		Restock restock = this.supply
			.createRestock(new NewRestock(sku, this.shop.unique("Race supplier"), 10, today().plusDays(10)), "test")
			.block(TIMEOUT);
		Mono<Object> early = this.supply
			.updateRestock(restock.id(), new RestockChange(today().plusDays(5), null, null, restock.version()), "a")
			.cast(Object.class)
			.onErrorResume(Mono::just);
		Mono<Object> late = this.supply
			.updateRestock(restock.id(), new RestockChange(today().plusDays(30), null, null, restock.version()), "b")
			.cast(Object.class)
			.onErrorResume(Mono::just);
		List<Object> results = Mono.zip(early, late, List::<Object>of).block(TIMEOUT);
		assertThat(results).filteredOn(Restock.class::isInstance).hasSize(1);
		assertThat(results).filteredOn(ConflictException.class::isInstance).singleElement().satisfies((conflict) -> {
			Restock winner = (Restock) results.stream().filter(Restock.class::isInstance).findFirst().orElseThrow();
			assertThat(((ConflictException) conflict).getCurrent()).isEqualTo(winner);
		});
		Restock stored = this.inventory.find(restock.id()).block(TIMEOUT);
		assertThat(stored.version()).isEqualTo(restock.version() + 1);
	}

	private String place(String prefix, String sku, int quantity, Instant placedAt) {
		String number = this.shop.unique(prefix);
		this.orders
			.place(new PlaceOrder(number, "queue@example.com", "Queue Customer",
					List.of(new PlaceOrder.Line(sku, quantity)), placedAt), "test")
			.block(TIMEOUT);
		return number;
	}

	private OrderLineView line(String number, String sku) {
		return this.shop.line(number, sku);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
