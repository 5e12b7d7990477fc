package com.backorderdesk.orders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what left the warehouse. Only units a line holds from stock can ship: they move
 * from allocated to shipped, and leave the stock on hand, so free stock (on hand minus
 * what lines hold) is the same after a shipment as before it.
 */
@Service
public class Shipments {

	private final DatabaseClient db;

	private final OrderLines lines;

	private final OrderService orders;

	private final InventoryService inventory;

	private final Replans replans;

	private final JsonMapper json;

	private final ObjectProvider<ShipmentListener> listeners;

	Shipments(DatabaseClient db, OrderLines lines, OrderService orders, InventoryService inventory, Replans replans,
			JsonMapper json, ObjectProvider<ShipmentListener> listeners) {
		this.db = db;
		this.lines = lines;
		this.orders = orders;
		this.inventory = inventory;
		this.replans = replans;
		this.json = json;
		this.listeners = listeners;
	}

	/**
	 * Records a shipment in one transaction: the units move from allocated to shipped on
	 * the order's lines, leave the stock, and the timeline gets one {@link ItemsShipped}
	 * event. A line with nothing left open is shipped. Recording a shipment id the order
	 * already has ships nothing and returns the order as it is, so clients can retry
	 * safely. Nothing is shipped unless every line can be.
	 * @param orderNumber the shop's order number
	 * @param shipment what shipped: an id of 1 to 64 letters, digits, '.', '_' or '-'; 1
	 * to {@link InputRules#MAX_LINES} lines of 1 to {@link InputRules#MAX_LINE_QUANTITY}
	 * units, each SKU once
	 * @param actor who recorded it
	 * @return the order after the shipment, and whether it was recorded now
	 */
	@Transactional
	public Mono<RecordedShipment> ship(String orderNumber, NewShipment shipment, String actor) {
		return Mono.fromRunnable(() -> validate(shipment))
			.then(this.lines.lock(orderNumber))
			.flatMap((orderId) -> recorded(orderId, shipment.shipmentId())
				.flatMap((exists) -> exists ? Mono.just(false) : record(orderId, shipment, actor).thenReturn(true)))
			.flatMap((created) -> this.orders.find(orderNumber).map((order) -> new RecordedShipment(order, created)));
	}

	private static void validate(NewShipment shipment) {
		InputRules.identifier("shipmentId", shipment.shipmentId());
		if (shipment.lines().isEmpty() || shipment.lines().size() > InputRules.MAX_LINES) {
			throw new InvalidValueException("lines", "Ship 1 to " + InputRules.MAX_LINES + " lines");
		}
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < shipment.lines().size(); i++) {
			NewShipment.Line line = shipment.lines().get(i);
			InputRules.identifier("lines[" + i + "].sku", line.sku());
			InputRules.units("lines[" + i + "].quantity", line.quantity(), 1, InputRules.MAX_LINE_QUANTITY);
			Integer first = seen.putIfAbsent(line.sku(), i);
			if (first != null) {
				throw new InvalidInputException("lines[" + i + "].sku", "SKU '" + line.sku() + "' is already in lines["
						+ first + "]; ship it once with the total quantity");
			}
		}
	}

	/** Whether the order has the shipment; the caller holds the order's lock. */
	private Mono<Boolean> recorded(long orderId, String shipmentId) {
		return this.db
			.sql("select exists (select 1 from shipment where order_id = :orderId and shipment_id = :shipmentId)")
			.bind("orderId", orderId)
			.bind("shipmentId", shipmentId)
			.map((row) -> row.get(0, Boolean.class))
			.one();
	}

	private Mono<Void> record(long orderId, NewShipment shipment, String actor) {
		List<String> skus = shipment.lines().stream().map(NewShipment.Line::sku).toList();
		// allocations only change under the stock lock, so what lines hold is read after
		// it
		return this.inventory.lockSupply(skus)
			.then(heldLines(orderId, skus))
			.map((held) -> take(shipment, held))
			.flatMap((taken) -> apply(orderId, shipment.shipmentId(), taken, actor));
	}

	private Mono<List<HeldLine>> heldLines(long orderId, List<String> skus) {
		return this.db.sql("""
				select id, sku, allocated from order_line
				where order_id = :orderId and sku = any(:skus)
				order by line_no
				""")
			.bind("orderId", orderId)
			.bind("skus", skus.toArray(String[]::new))
			.map((row) -> new HeldLine(row.get("id", Long.class), row.get("sku", String.class),
					row.get("allocated", Integer.class)))
			.all()
			.collectList();
	}

	/**
	 * Decides which lines the units ship from, or fails naming the first line that cannot
	 * ship.
	 */
	private static List<ShippedUnits> take(NewShipment shipment, List<HeldLine> held) {
		List<ShippedUnits> taken = new ArrayList<>();
		for (int i = 0; i < shipment.lines().size(); i++) {
			NewShipment.Line line = shipment.lines().get(i);
			List<HeldLine> ofSku = held.stream().filter((candidate) -> candidate.sku().equals(line.sku())).toList();
			if (ofSku.isEmpty()) {
				throw new NotFoundException("lines[" + i + "].sku",
						"The order has no line with SKU '" + line.sku() + "'");
			}
			int holding = ofSku.stream().mapToInt(HeldLine::allocated).sum();
			if (line.quantity() > holding) {
				throw new InvalidInputException("lines[" + i + "].quantity",
						"Only " + holding + " of the order's units of SKU '" + line.sku()
								+ "' are allocated from stock and can ship; asked to ship " + line.quantity());
			}
			int remaining = line.quantity();
			for (HeldLine candidate : ofSku) {
				int units = Math.min(remaining, candidate.allocated());
				if (units > 0) {
					taken.add(new ShippedUnits(candidate.id(), candidate.sku(), units));
					remaining -= units;
				}
			}
		}
		return taken;
	}

	private Mono<Void> apply(long orderId, String shipmentId, List<ShippedUnits> taken, String actor) {
		Map<String, Integer> bySku = new LinkedHashMap<>();
		taken.forEach((units) -> bySku.merge(units.sku(), units.quantity(), Integer::sum));
		List<ItemsShipped.Item> items = taken.stream()
			.map((units) -> new ItemsShipped.Item(units.lineId(), units.sku(), units.quantity()))
			.toList();
		return this.db.sql("""
				update order_line l set allocated = l.allocated - u.units, shipped = l.shipped + u.units,
					version = l.version + 1
				from unnest(:ids, :units) as u(id, units)
				where l.id = u.id
				returning l.id, l.sku, u.units, l.quantity - l.shipped - l.cancelled as open_after
				""")
			.bind("ids", taken.stream().map(ShippedUnits::lineId).toArray(Long[]::new))
			.bind("units", taken.stream().map(ShippedUnits::quantity).toArray(Integer[]::new))
			.map((row) -> new ShippedLine(orderId, row.get("id", Long.class), row.get("sku", String.class),
					row.get("units", Integer.class), row.get("open_after", Integer.class)))
			.all()
			.collectList()
			.flatMap((lines) -> Flux.fromStream(this.listeners.orderedStream())
				.concatMap((listener) -> listener.linesShipped(lines))
				.then())
			.then(this.inventory.removeShipped(bySku))
			.then(this.db.sql("""
					insert into shipment (order_id, shipment_id, lines)
					values (:orderId, :shipmentId, cast(:lines as jsonb))
					""")
				.bind("orderId", orderId)
				.bind("shipmentId", shipmentId)
				.bind("lines", this.json.writeValueAsString(items))
				.then())
			// free stock is unchanged, so this changes no line unless the plan was stale
			.then(this.replans.replan(bySku.keySet(),
					new Replans.Change(ReplanReason.ITEMS_SHIPPED, null, actor,
							Mono.just(List.of(new NewOrderEvent(orderId, new ItemsShipped(shipmentId, items), actor))),
							Set.of())))
			.then();
	}

	private record HeldLine(long id, String sku, int allocated) {
	}

	private record ShippedUnits(long lineId, String sku, int quantity) {
	}

}
