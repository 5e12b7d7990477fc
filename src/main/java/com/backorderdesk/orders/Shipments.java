package com.backorderdesk.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.backorderdesk.InputRules;
import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what left the warehouse. Only units a line holds from stock can ship: they move
 * from allocated to shipped, and leave the stock on hand, so free stock (on hand minus
 * what lines hold) is the same after a shipment as before it. A customer who chose to
 * ship everything together gets one shipment: one that would leave units of the order
 * behind is refused unless the warehouse overrides the choice, which is audited.
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

	private final AuditLog audit;

	Shipments(DatabaseClient db, OrderLines lines, OrderService orders, InventoryService inventory, Replans replans,
			JsonMapper json, ObjectProvider<ShipmentListener> listeners, AuditLog audit) {
		this.db = db;
		this.lines = lines;
		this.orders = orders;
		this.inventory = inventory;
		this.replans = replans;
		this.json = json;
		this.listeners = listeners;
		this.audit = audit;
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
	 * units, each SKU once; a carrier and tracking number of 1 to 100 characters and a
	 * tracking address ({@link InputRules#webAddress}), each optional
	 * @param actor who recorded it
	 * @return the order after the shipment, and whether it was recorded now; a
	 * {@link SplitShipmentRefusedException} when the customer chose
	 * {@link ShipPreference#SHIP_COMPLETE}, the shipment would leave units open and it
	 * does not override that
	 */
	@Transactional
	public Mono<RecordedShipment> ship(String orderNumber, NewShipment shipment, String actor) {
		return Mono.fromCallable(() -> validate(shipment))
			.flatMap((valid) -> this.lines.lock(orderNumber)
				.flatMap((orderId) -> recorded(orderId, valid.shipmentId()).flatMap((exists) -> exists
						? Mono.just(false) : record(orderId, orderNumber, valid, actor).thenReturn(true))))
			.flatMap((created) -> this.orders.find(orderNumber).map((order) -> new RecordedShipment(order, created)));
	}

	/**
	 * The shipments of some orders, oldest first.
	 * @param orderIds the orders
	 * @return the shipments by order id; orders without any are absent
	 */
	public Mono<Map<Long, List<ShipmentView>>> ofOrders(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("""
				select order_id, shipment_id, lines::text as lines, created_at, carrier, tracking_number,
					tracking_url, ship_preference_overridden
				from shipment where order_id = any(:ids) order by order_id, created_at, id
				""")
			.bind("ids", orderIds.toArray(Long[]::new))
			.map((row) -> Map.entry(row.get("order_id", Long.class),
					new ShipmentView(row.get("shipment_id", String.class), row.get("created_at", Instant.class),
							this.json.readValue(row.get("lines", String.class), ITEMS),
							row.get("carrier", String.class), row.get("tracking_number", String.class),
							row.get("tracking_url", String.class),
							Boolean.TRUE.equals(row.get("ship_preference_overridden", Boolean.class)))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((found) -> {
				Map<Long, List<ShipmentView>> byOrder = new LinkedHashMap<>();
				found.forEach((orderId, shipments) -> byOrder.put(orderId, List.copyOf(shipments)));
				return byOrder;
			});
	}

	private static final TypeReference<List<ItemsShipped.Item>> ITEMS = new TypeReference<>() {
	};

	private static NewShipment validate(NewShipment shipment) {
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
		NewShipment.Tracking tracking = shipment.tracking();
		if (tracking == null) {
			return shipment;
		}
		String carrier = optional(InputRules.text("carrier", tracking.carrier(), 0, 100));
		String number = optional(InputRules.text("trackingNumber", tracking.number(), 0, 100));
		String url = (tracking.url() == null || tracking.url().isBlank()) ? null
				: InputRules.webAddress("trackingUrl", tracking.url(), 2000);
		return new NewShipment(shipment.shipmentId(), shipment.lines(), NewShipment.Tracking.of(carrier, number, url),
				shipment.overrideShipPreference());
	}

	private static @Nullable String optional(String text) {
		return text.isEmpty() ? null : text;
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

	private Mono<Void> record(long orderId, String orderNumber, NewShipment shipment, String actor) {
		List<String> skus = shipment.lines().stream().map(NewShipment.Line::sku).toList();
		// allocations only change under the stock lock, so what lines hold is read after
		// it
		return this.inventory.lockSupply(skus)
			.then(heldLines(orderId, skus))
			.map((held) -> take(shipment, held))
			.flatMap((taken) -> splits(orderId, orderNumber, shipment, taken, actor)
				.flatMap((overridden) -> apply(orderId, shipment, taken, overridden, actor)));
	}

	/**
	 * Whether the shipment overrides the customer's choice to ship complete; fails when
	 * it would and may not. The caller holds the order's lock, so what is open cannot
	 * change meanwhile.
	 */
	private Mono<Boolean> splits(long orderId, String orderNumber, NewShipment shipment, List<ShippedUnits> taken,
			String actor) {
		int shipping = taken.stream().mapToInt(ShippedUnits::quantity).sum();
		return this.db.sql("""
				select o.ship_preference, sum(l.quantity - l.shipped - l.cancelled)::int as open
				from customer_order o join order_line l on l.order_id = o.id
				where o.id = :orderId group by o.ship_preference
				""")
			.bind("orderId", orderId)
			.map((row) -> Map.entry(row.get("ship_preference", String.class), row.get("open", Integer.class)))
			.one()
			.flatMap((order) -> {
				int left = order.getValue() - shipping;
				if (!ShipPreference.SHIP_COMPLETE.name().equals(order.getKey()) || left <= 0) {
					return Mono.just(false);
				}
				if (!shipment.overrideShipPreference()) {
					return Mono.error(new SplitShipmentRefusedException(orderNumber, left));
				}
				Map<String, Object> after = new LinkedHashMap<>();
				after.put("shipmentId", shipment.shipmentId());
				after.put("unitsShipped", shipping);
				after.put("unitsLeft", left);
				return this.audit
					.record(actor, "SHIP_PREFERENCE_OVERRIDDEN", "order " + orderNumber,
							Map.of("shipPreference", order.getKey()), after)
					.thenReturn(true);
			});
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

	private Mono<Void> apply(long orderId, NewShipment shipment, List<ShippedUnits> taken, boolean overridden,
			String actor) {
		String shipmentId = shipment.shipmentId();
		NewShipment.Tracking tracking = shipment.tracking();
		ItemsShipped shipped = new ItemsShipped(shipmentId,
				taken.stream()
					.map((units) -> new ItemsShipped.Item(units.lineId(), units.sku(), units.quantity()))
					.toList(),
				(tracking != null) ? tracking.carrier() : null, (tracking != null) ? tracking.number() : null,
				(tracking != null) ? tracking.url() : null, overridden);
		Map<String, Integer> bySku = new LinkedHashMap<>();
		taken.forEach((units) -> bySku.merge(units.sku(), units.quantity(), Integer::sum));
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
					insert into shipment (order_id, shipment_id, lines, carrier, tracking_number, tracking_url,
						ship_preference_overridden)
					values (:orderId, :shipmentId, cast(:lines as jsonb), :carrier, :trackingNumber, :trackingUrl,
						:overridden)
					""")
				.bind("orderId", orderId)
				.bind("shipmentId", shipmentId)
				.bind("lines", this.json.writeValueAsString(shipped.lines()))
				.bind("carrier", Parameter.fromOrEmpty(shipped.carrier(), String.class))
				.bind("trackingNumber", Parameter.fromOrEmpty(shipped.trackingNumber(), String.class))
				.bind("trackingUrl", Parameter.fromOrEmpty(shipped.trackingUrl(), String.class))
				.bind("overridden", overridden)
				.then())
			// free stock is unchanged, so this changes no line unless the plan was stale
			.then(this.replans.replan(bySku.keySet(),
					new Replans.Change(ReplanReason.ITEMS_SHIPPED, null, actor,
							Mono.just(List.of(new NewOrderEvent(orderId, shipped, actor))), Set.of())))
			.then();
	}

	private record HeldLine(long id, String sku, int allocated) {
	}

	private record ShippedUnits(long lineId, String sku, int quantity) {
	}

}
