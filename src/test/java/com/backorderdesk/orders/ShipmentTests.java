package com.backorderdesk.orders;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.TestShop;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording what left the warehouse: allocated units ship, never more, once per shipment
 * id, and free stock stays what it was.
 */
@SpringBootTest
class ShipmentTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private Shipments shipments;

	@Autowired
	private OrderService orders;

	@Autowired
	private OrderLines lines;

	@Autowired
	private SupplyChanges supply;

	private final TestShop shop;

	ShipmentTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenALineShipsInTwoPartsThenEachMovesUnitsFromAllocatedToShippedAndTheLastClosesIt() {
		String sku = this.shop.product("P", 1000, 5);
		OrderView order = this.shop.order("P", sku, 3);
		RecordedShipment first = ship(order, "SH-1", sku, 2);
		assertThat(first.created()).isTrue();
		OrderLineView line = first.order().lines().get(0);
		assertThat(line.allocated()).isEqualTo(1);
		assertThat(line.shipped()).isEqualTo(2);
		assertThat(line.status()).isEqualTo(LineStatus.ALLOCATED);
		assertThat(onHand(sku)).isEqualTo(3);
		OrderLineView last = ship(order, "SH-2", sku, 1).order().lines().get(0);
		assertThat(last.allocated()).isZero();
		assertThat(last.shipped()).isEqualTo(3);
		assertThat(last.status()).isEqualTo(LineStatus.SHIPPED);
		assertThat(onHand(sku)).isEqualTo(2);
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "ITEMS_SHIPPED", "ITEMS_SHIPPED");
		assertThat(this.shop.text("""
				select e.payload::text from order_event e where e.type = 'ITEMS_SHIPPED' and e.order_id = %d
				order by e.id limit 1
				""".formatted(order.id()))).contains("\"shipmentId\": \"SH-1\"", "\"lineId\": " + line.id(),
				"\"sku\": \"" + sku + "\"", "\"quantity\": 2");
		assertThat(this.shop
			.text("select lines::text from shipment where order_id = " + order.id() + " and shipment_id = 'SH-2'"))
			.contains("\"quantity\": 1");
	}

	@Test
	void whenMoreThanIsAllocatedIsShippedThenNothingShipsAndTheLineIsNamed() {
		String lamp = this.shop.product("L", 1000, 5);
		String chair = this.shop.product("C", 1000, 2);
		this.shop.restock(chair, 10, LocalDate.now().plusDays(10));
		OrderView order = place("M", new PlaceOrder.Line(lamp, 2), new PlaceOrder.Line(chair, 4));
		StepVerifier.create(this.shipments.ship(order.number(),
				new NewShipment("SH-1", List.of(new NewShipment.Line(lamp, 2), new NewShipment.Line(chair, 3))),
				"test"))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(InvalidInputException.class)
					.hasMessageContaining("Only 2 of the order's units of SKU '" + chair + "' are allocated");
				assertThat(((InvalidInputException) error).getField()).isEqualTo("lines[1].quantity");
			})
			.verify(TIMEOUT);
		OrderView after = this.shop.find(order.number());
		assertThat(after.lines()).extracting(OrderLineView::shipped).containsExactly(0, 0);
		assertThat(after.lines()).extracting(OrderLineView::allocated).containsExactly(2, 2);
		assertThat(onHand(lamp)).isEqualTo(5);
		assertThat(onHand(chair)).isEqualTo(2);
		assertThat(this.shop.count("select count(*) from shipment where order_id = " + order.id())).isZero();
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED");
	}

	@Test
	void whenASkuIsNotOnTheOrderOrTheOrderIsUnknownThenNotFound() {
		String lamp = this.shop.product("U", 1000, 5);
		String other = this.shop.product("O", 1000, 5);
		OrderView order = this.shop.order("U", lamp, 1);
		StepVerifier
			.create(this.shipments.ship(order.number(),
					new NewShipment("SH-1", List.of(new NewShipment.Line(lamp, 1), new NewShipment.Line(other, 1))),
					"test"))
			.expectErrorSatisfies(
					(error) -> assertThat(((NotFoundException) error).getField()).isEqualTo("lines[1].sku"))
			.verify(TIMEOUT);
		StepVerifier
			.create(this.shipments.ship(this.shop.unique("NOPE"),
					new NewShipment("SH-1", List.of(new NewShipment.Line(lamp, 1))), "test"))
			.expectError(NotFoundException.class)
			.verify(TIMEOUT);
		StepVerifier
			.create(this.shipments.ship(order.number(), new NewShipment(" ", List.of(new NewShipment.Line(lamp, 1))),
					"test"))
			.expectErrorSatisfies(
					(error) -> assertThat(((InvalidInputException) error).getField()).isEqualTo("shipmentId"))
			.verify(TIMEOUT);
		StepVerifier
			.create(this.shipments.ship(order.number(), new NewShipment("SH-1", List.of(new NewShipment.Line(lamp, 0))),
					"test"))
			.expectErrorSatisfies(
					(error) -> assertThat(((InvalidInputException) error).getField()).isEqualTo("lines[0].quantity"))
			.verify(TIMEOUT);
		assertThat(this.shop.line(order.number(), lamp).shipped()).isZero();
	}

	@Test
	void whenTheSameShipmentIsRecordedTwiceThenItShipsOnce() {
		String sku = this.shop.product("I", 1000, 5);
		OrderView order = this.shop.order("I", sku, 3);
		assertThat(ship(order, "SH-1", sku, 1).created()).isTrue();
		RecordedShipment again = ship(order, "SH-1", sku, 1);
		assertThat(again.created()).isFalse();
		assertThat(again.order().lines().get(0).shipped()).isEqualTo(1);
		assertThat(onHand(sku)).isEqualTo(4);
		assertThat(this.shop.events(order.number())).containsExactly("ORDER_PLACED", "ITEMS_SHIPPED");
		assertThat(this.shop.count("select count(*) from shipment where order_id = " + order.id())).isEqualTo(1);
	}

	@Test
	void whenShipmentsRaceForTheSameUnitsThenExactlyTheAllocatedUnitsShip() {
		String sku = this.shop.product("R", 1000, 3);
		this.shop.restock(sku, 10, LocalDate.now().plusDays(10));
		OrderView order = this.shop.order("R", sku, 8);
		assertThat(order.lines().get(0).allocated()).isEqualTo(3);
		Flux<Boolean> racing = Flux.range(0, 12)
			.flatMap((i) -> this.shipments
				// every second shipment is a retry of another, racing the original
				.ship(order.number(), new NewShipment("SH-" + (i / 2), List.of(new NewShipment.Line(sku, 1))), "test")
				.map(RecordedShipment::created)
				.onErrorResume(InvalidInputException.class, (error) -> Mono.just(false)), 12);
		StepVerifier.create(racing.filter(Boolean::booleanValue).count())
			.expectNext(3L)
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		OrderLineView line = this.shop.line(order.number(), sku);
		assertThat(line.shipped()).isEqualTo(3);
		assertThat(line.allocated()).isZero();
		assertThat(line.scheduled()).isEqualTo(5);
		assertThat(onHand(sku)).isZero();
		assertThat(this.shop.count("select count(*) from shipment where order_id = " + order.id())).isEqualTo(3);
		assertThat(this.shop.events(order.number())).filteredOn("ITEMS_SHIPPED"::equals).hasSize(3);
	}

	@Test
	void whenAllocatedUnitsShipThenFreeStockIsUnchangedAndOtherOrdersKeepTheirPlace() {
		String sku = this.shop.product("F", 1000, 6);
		OrderView shipping = this.shop.order("F1", sku, 3);
		OrderView waiting = this.shop.order("F2", sku, 5);
		assertThat(waiting.lines().get(0).allocated()).isEqualTo(3);
		assertThat(freeStock(sku)).isZero();
		ship(shipping, "SH-1", sku, 2);
		assertThat(onHand(sku)).isEqualTo(4);
		assertThat(freeStock(sku)).isZero();
		assertThat(this.shop.line(waiting.number(), sku).allocated()).isEqualTo(3);
		assertThat(this.shop.events(waiting.number())).containsExactly("ORDER_PLACED");
		OrderView late = this.shop.order("F3", sku, 1);
		assertThat(late.lines().get(0).allocated()).as("nothing was freed by shipping").isZero();
		this.supply.setOnHand(sku, 5, "test").block(TIMEOUT);
		assertThat(this.shop.line(waiting.number(), sku).allocated()).as("one more unit counted on hand").isEqualTo(4);
	}

	private RecordedShipment ship(OrderView order, String shipmentId, String sku, int quantity) {
		RecordedShipment recorded = this.shipments
			.ship(order.number(), new NewShipment(shipmentId, List.of(new NewShipment.Line(sku, quantity))), "test")
			.block(TIMEOUT);
		assertThat(recorded).isNotNull();
		return recorded;
	}

	private OrderView place(String prefix, PlaceOrder.Line... orderLines) {
		String number = this.shop.unique(prefix);
		this.orders.place(new PlaceOrder(number, "test@example.com", "Test Customer", List.of(orderLines)), "test")
			.block(TIMEOUT);
		return this.shop.find(number);
	}

	private long onHand(String sku) {
		return this.shop.count("select on_hand from stock where sku = '" + sku + "'");
	}

	/** What a new order could take now: on hand minus what open lines hold. */
	private long freeStock(String sku) {
		Integer held = this.lines.allocatedUnits(sku).block(TIMEOUT);
		return onHand(sku) - ((held != null) ? held : 0);
	}

}
