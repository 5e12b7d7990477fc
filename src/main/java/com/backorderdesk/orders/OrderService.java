package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders and reads them back.
 */
@Service
public class OrderService {

	/** The event appended when an order is placed. */
	public static final String ORDER_PLACED = "ORDER_PLACED";

	private final DatabaseClient db;

	private final CatalogService catalog;

	private final Replanner replanner;

	private final OrderEventLog events;

	private final Clock clock;

	OrderService(DatabaseClient db, CatalogService catalog, Replanner replanner, OrderEventLog events, Clock clock) {
		this.db = db;
		this.catalog = catalog;
		this.replanner = replanner;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Places an order in one transaction: stock the SKUs have is allocated now, planned
	 * supply schedules the rest, and the timeline gets {@code ORDER_PLACED}. Placing a
	 * number that exists returns the stored order and changes nothing, so clients can
	 * retry safely.
	 * @param order the order: a number of 1 to 64 letters, digits, '.', '_' or '-'; an
	 * e-mail address the mailer can send to; a name of 1 to 200 characters; 1 to
	 * {@link InputRules#MAX_LINES} lines of 1 to {@link InputRules#MAX_LINE_QUANTITY}
	 * units each; placed within the last ten years, if given
	 * @param actor who placed it
	 * @return the order as stored, and whether it was created now; an
	 * {@link InvalidValueException} naming the field (as the API names it:
	 * {@code customer.email}, {@code lines[2].quantity}) when a value is out of bounds,
	 * an {@link InvalidInputException} when a line names an unknown SKU or one twice
	 */
	@Transactional
	public Mono<PlacedOrder> place(PlaceOrder order, String actor) {
		return Mono.fromCallable(() -> checked(order))
			.flatMap((valid) -> find(valid.number()).map((existing) -> new PlacedOrder(existing, false))
				.switchIfEmpty(Mono.defer(() -> create(valid, actor))));
	}

	private PlaceOrder checked(PlaceOrder order) {
		InputRules.identifier("number", order.number());
		String email = InputRules.email("customer.email", order.customerEmail());
		String name = InputRules.text("customer.name", order.customerName(), 1, 200);
		if (order.lines().isEmpty() || order.lines().size() > InputRules.MAX_LINES) {
			throw new InvalidValueException("lines", "Order 1 to " + InputRules.MAX_LINES + " lines.");
		}
		for (int i = 0; i < order.lines().size(); i++) {
			PlaceOrder.Line line = order.lines().get(i);
			InputRules.identifier("lines[" + i + "].sku", line.sku());
			InputRules.units("lines[" + i + "].quantity", line.quantity(), 1, InputRules.MAX_LINE_QUANTITY);
		}
		if (order.placedAt() != null) {
			InputRules.pastMoment("placedAt", order.placedAt(), this.clock.instant());
		}
		return new PlaceOrder(order.number(), email, name, order.lines(), order.placedAt());
	}

	private Mono<PlacedOrder> create(PlaceOrder order, String actor) {
		List<String> skus = order.lines().stream().map(PlaceOrder.Line::sku).toList();
		return this.catalog.findAll(skus).flatMap((products) -> {
			validate(order, products);
			return insertOrder(order)
				.flatMap((orderId) -> insertLines(orderId, order, products).then(this.replanner.replan(skus))
					.flatMap((changes) -> find(order.number()).flatMap((placed) -> {
						List<NewOrderEvent> appended = new ArrayList<>();
						appended.add(new NewOrderEvent(orderId, ORDER_PLACED, placedPayload(placed), actor));
						appended.addAll(ChangeEvents.of(changes, "ORDER_PLACED", actor, Set.of(orderId)));
						return this.events.append(appended).thenReturn(new PlacedOrder(placed, true));
					})))
				// the same number was placed concurrently and committed first
				.switchIfEmpty(
						Mono.defer(() -> find(order.number()).map((existing) -> new PlacedOrder(existing, false))));
		});
	}

	private static void validate(PlaceOrder order, Map<String, Product> products) {
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < order.lines().size(); i++) {
			String sku = order.lines().get(i).sku();
			if (!products.containsKey(sku)) {
				throw new InvalidInputException("lines[" + i + "].sku", "No product with SKU '" + sku + "'");
			}
			Integer first = seen.putIfAbsent(sku, i);
			if (first != null) {
				throw new InvalidInputException("lines[" + i + "].sku", "SKU '" + sku + "' is already ordered in lines["
						+ first + "]; order it once with the total quantity");
			}
		}
	}

	private Mono<Long> insertOrder(PlaceOrder order) {
		return this.db.sql("""
				insert into customer_order (number, customer_email, customer_name, placed_at)
				values (:number, :email, :name, :placedAt)
				on conflict (number) do nothing
				returning id
				""")
			.bind("number", order.number())
			.bind("email", order.customerEmail())
			.bind("name", order.customerName())
			.bind("placedAt", (order.placedAt() != null) ? order.placedAt() : this.clock.instant())
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	private Mono<Void> insertLines(long orderId, PlaceOrder order, Map<String, Product> products) {
		int size = order.lines().size();
		Integer[] lineNos = new Integer[size];
		String[] skus = new String[size];
		Integer[] quantities = new Integer[size];
		Long[] prices = new Long[size];
		String[] currencies = new String[size];
		for (int i = 0; i < size; i++) {
			PlaceOrder.Line line = order.lines().get(i);
			Product product = products.get(line.sku());
			lineNos[i] = i + 1;
			skus[i] = line.sku();
			quantities[i] = line.quantity();
			prices[i] = product.priceCents();
			currencies[i] = product.currency();
		}
		return this.db
			.sql("""
					insert into order_line (order_id, line_no, sku, quantity, unit_price_cents, currency)
					select :orderId, u.line_no, u.sku, u.quantity, u.price, u.currency
					from unnest(:lineNos, :skus, :quantities, :prices, :currencies) as u(line_no, sku, quantity, price, currency)
					""")
			.bind("orderId", orderId)
			.bind("lineNos", lineNos)
			.bind("skus", skus)
			.bind("quantities", quantities)
			.bind("prices", prices)
			.bind("currencies", currencies)
			.then();
	}

	private static Map<String, Object> placedPayload(OrderView order) {
		List<Map<String, Object>> lines = order.lines()
			.stream()
			.map((line) -> Map.<String, Object>of("lineId", line.id(), "sku", line.sku(), "after",
					new LineState(line.status(), line.allocated(), line.scheduled(), line.unscheduled(), line.eta())))
			.toList();
		return Map.of("lines", lines);
	}

	/**
	 * Reads an order by its number.
	 * @param number the shop's order number, as given: one that no order could have (see
	 * {@link InputRules#isIdentifier}) finds none
	 * @return the order, or empty when there is none
	 */
	public Mono<OrderView> find(String number) {
		if (!InputRules.isIdentifier(number)) {
			return Mono.empty();
		}
		return this.db.sql("""
				select o.id as order_id, o.number, o.customer_email, o.customer_name, o.placed_at, o.ship_preference,
					o.email_preference,
					o.version as order_version, l.id, l.line_no, l.sku, p.name as product_name, l.quantity,
					l.allocated, l.scheduled, l.shipped, l.cancelled, l.eta_earliest, l.eta_latest,
					l.previous_eta_earliest, l.previous_eta_latest, l.promised_earliest, l.promised_latest,
					l.eta_changed_at, l.unit_price_cents, l.currency, l.version
				from customer_order o
				join order_line l on l.order_id = o.id
				join product p on p.sku = l.sku
				where o.number = :number
				order by l.line_no
				""")
			.bind("number", number)
			.map((row) -> Map.entry(header(row), line(row)))
			.all()
			.collectList()
			.flatMap(OrderService::assemble);
	}

	private static Mono<OrderView> assemble(List<Map.Entry<OrderView, OrderLineView>> rows) {
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		OrderView header = rows.get(0).getKey();
		List<OrderLineView> lines = rows.stream().map(Map.Entry::getValue).toList();
		return Mono.just(new OrderView(header.id(), header.number(), header.customerEmail(), header.customerName(),
				header.placedAt(), header.shipPreference(), header.emailPreference(), header.version(), lines));
	}

	private static OrderView header(Readable row) {
		return new OrderView(row.get("order_id", Long.class), row.get("number", String.class),
				row.get("customer_email", String.class), row.get("customer_name", String.class),
				row.get("placed_at", Instant.class), ShipPreference.valueOf(row.get("ship_preference", String.class)),
				EmailPreference.valueOf(row.get("email_preference", String.class)),
				row.get("order_version", Long.class), List.of());
	}

	private static OrderLineView line(Readable row) {
		int quantity = row.get("quantity", Integer.class);
		int allocated = row.get("allocated", Integer.class);
		int scheduled = row.get("scheduled", Integer.class);
		int shipped = row.get("shipped", Integer.class);
		int cancelled = row.get("cancelled", Integer.class);
		int open = quantity - shipped - cancelled;
		return new OrderLineView(row.get("id", Long.class), row.get("line_no", Integer.class),
				row.get("sku", String.class), row.get("product_name", String.class), quantity, allocated, scheduled,
				Math.max(0, open - allocated - scheduled), shipped, cancelled,
				LineStatus.of(open, allocated, scheduled, shipped),
				Replanner.window(row.get("eta_earliest", LocalDate.class), row.get("eta_latest", LocalDate.class)),
				Replanner.window(row.get("previous_eta_earliest", LocalDate.class),
						row.get("previous_eta_latest", LocalDate.class)),
				Replanner.window(row.get("promised_earliest", LocalDate.class),
						row.get("promised_latest", LocalDate.class)),
				row.get("eta_changed_at", Instant.class), row.get("unit_price_cents", Long.class),
				row.get("currency", String.class), row.get("version", Long.class));
	}

	/**
	 * Re-plans the given SKUs and appends an event to every order whose lines changed, in
	 * the caller's transaction.
	 * @param skus the SKUs whose supply changed
	 * @param reason what changed, recorded in the events
	 * @param actor who changed it
	 * @return how many orders were affected
	 */
	Mono<Integer> replan(List<String> skus, String reason, String actor) {
		return replanned(skus, reason, actor)
			.map((changes) -> ChangeEvents.of(changes, reason, actor, Set.of()).size());
	}

	/**
	 * Re-plans like {@link #replan} and answers with the lines that changed.
	 */
	Mono<List<LineChange>> replanned(Collection<String> skus, String reason, String actor) {
		return this.replanner.replan(skus).flatMap((changes) -> {
			List<NewOrderEvent> appended = ChangeEvents.of(changes, reason, actor, Set.of());
			return this.events.append(appended).thenReturn(changes);
		});
	}

	/**
	 * Moves an order's link revision on: links signed with an earlier revision (see
	 * {@code security.CustomerLinks}) stop opening the order.
	 * @param orderId the order
	 * @return whether the order exists
	 */
	@Transactional
	public Mono<Boolean> nextLinkRevision(long orderId) {
		return this.db.sql("update customer_order set link_revision = link_revision + 1 where id = :id")
			.bind("id", orderId)
			.fetch()
			.rowsUpdated()
			.map((updated) -> updated > 0);
	}

	/**
	 * Counts the orders waiting on each restock: those with an open line whose delivery
	 * date the restock decides.
	 * @param restockIds the restocks
	 * @return the count by restock id; restocks nobody waits on are absent
	 */
	public Mono<Map<Long, Integer>> waitingOrders(Collection<Long> restockIds) {
		if (restockIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("""
				select restock_id, count(distinct order_id)::int as orders from order_line
				where restock_id = any(:ids) and scheduled > 0 and shipped + cancelled < quantity
				group by restock_id
				""")
			.bind("ids", restockIds.toArray(Long[]::new))
			.map((row) -> Map.entry(row.get("restock_id", Long.class), row.get("orders", Integer.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

}
