package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.language.Languages;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import com.backorderdesk.timeline.OrderEventStream;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders and reads them back.
 */
@Service
public class OrderService {

	private final DatabaseClient db;

	private final CatalogService catalog;

	private final Replans replans;

	private final Clock clock;

	private final Availability availability;

	private final OrderSettings settings;

	private final OrderEventLog events;

	private final OrderEventStream history;

	OrderService(DatabaseClient db, CatalogService catalog, Replans replans, Clock clock, Availability availability,
			OrderSettings settings, OrderEventLog events, OrderEventStream history) {
		this.db = db;
		this.catalog = catalog;
		this.replans = replans;
		this.clock = clock;
		this.availability = availability;
		this.settings = settings;
		this.events = events;
		this.history = history;
	}

	/**
	 * Places an order in one transaction: stock the SKUs have is allocated now, planned
	 * supply schedules the rest, and the timeline gets {@link OrderPlaced}. Placing a
	 * number that exists returns the stored order and changes nothing, so clients can
	 * retry safely.
	 * @param order the order: a number of 1 to 64 letters, digits, '.', '_' or '-'; an
	 * e-mail address the mailer can send to; a name of 1 to 200 characters; 1 to
	 * {@link InputRules#MAX_LINES} lines of 1 to {@link InputRules#MAX_LINE_QUANTITY}
	 * units each, at 0 to {@link InputRules#MAX_CENTS} cents a unit if a price is given;
	 * placed within the last ten years, if given
	 * <p>
	 * Each line's units beyond its product's backorder cap (as {@link Availability}
	 * quotes them, under the SKUs' locks) refuse the order, or, when
	 * {@link OrderSettings#beyondCap()} says {@code NOT_ORDERABLE}, are stored as
	 * cancelled at placement ({@link OrderLineView#notOrderable()}): nothing waits for
	 * them and the customer is never charged for them.
	 * @param actor who placed it
	 * @return the order as stored, and whether it was created now; an
	 * {@link InvalidValueException} naming the field (as the API names it:
	 * {@code customer.email}, {@code lines[2].quantity}) when a value is out of bounds,
	 * an {@link InvalidInputException} when a line names an unknown SKU or one twice, or
	 * asks for units beyond the cap under {@code REFUSE}; a
	 * {@link DifferentOrderException} naming the fields when the number exists with
	 * another customer, priority or lines
	 */
	@Transactional
	public Mono<PlacedOrder> place(PlaceOrder order, String actor) {
		return Mono.fromCallable(() -> checked(order))
			.flatMap((valid) -> find(valid.number()).flatMap(
					(existing) -> placedShipPreference(valid, existing).map((placed) -> same(valid, existing, placed)))
				.switchIfEmpty(Mono.defer(() -> create(valid, actor))));
	}

	/**
	 * The stored order when the request is the one that placed it (see {@link #same}).
	 */
	private Mono<PlacedOrder> retry(PlaceOrder order, OrderView existing) {
		return placedShipPreference(order, existing).map((placed) -> same(order, existing, placed));
	}

	/**
	 * The ship preference the order was placed with, for a retry that gives one: the
	 * customer may have changed it on the order page since, and the storefront's retry of
	 * the request that placed it is still that request. Before the customer's first
	 * change, if any; the stored one otherwise.
	 */
	private Mono<ShipPreference> placedShipPreference(PlaceOrder order, OrderView existing) {
		if (order.shipPreference() == null) {
			return Mono.just(existing.shipPreference());
		}
		return this.history.first(existing.id(), ShipPreferenceChanged.class)
			.map(ShipPreferenceChanged::before)
			.defaultIfEmpty(existing.shipPreference());
	}

	/**
	 * The stored order when the request is the one that placed it: a retry.
	 */
	private static PlacedOrder same(PlaceOrder order, OrderView existing, ShipPreference placedShipPreference) {
		List<String> differences = new ArrayList<>();
		if (!order.customerEmail().equals(existing.customerEmail())) {
			differences.add("customer.email");
		}
		if (!order.customerName().equals(existing.customerName())) {
			differences.add("customer.name");
		}
		if (order.priority() != existing.priority()) {
			differences.add("priority");
		}
		// left out, it is no difference; given, it is compared with what the order was
		// placed with, not with what the customer may have chosen since
		if (order.shipPreference() != null && order.shipPreference() != placedShipPreference) {
			differences.add("shipPreference");
		}
		if (order.lines().size() != existing.lines().size()) {
			differences.add("lines");
		}
		for (int i = 0; i < Math.min(order.lines().size(), existing.lines().size()); i++) {
			PlaceOrder.Line line = order.lines().get(i);
			OrderLineView stored = existing.lines().get(i);
			if (!line.sku().equals(stored.sku())) {
				differences.add("lines[" + i + "].sku");
			}
			if (line.quantity() != stored.quantity()) {
				differences.add("lines[" + i + "].quantity");
			}
			if (line.unitPriceCents() != null && line.unitPriceCents() != stored.unitPriceCents()) {
				differences.add("lines[" + i + "].unitPriceCents");
			}
		}
		if (!differences.isEmpty()) {
			throw new DifferentOrderException(existing, differences);
		}
		return new PlacedOrder(existing, false);
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
			if (line.unitPriceCents() != null) {
				InputRules.cents("lines[" + i + "].unitPriceCents", line.unitPriceCents());
			}
		}
		if (order.placedAt() != null) {
			InputRules.pastMoment("placedAt", order.placedAt(), this.clock.instant());
		}
		return new PlaceOrder(order.number(), email, name, order.lines(), order.placedAt(), order.priority(),
				language(order.locale()), order.shipPreference());
	}

	/**
	 * The language to store: a well-formed BCP 47 tag becomes the supported language it
	 * names ({@code de-AT} is {@code de}); a language the shop does not write is stored
	 * as none, so pages follow the browser and e-mails the default language.
	 */
	private static @Nullable String language(@Nullable String tag) {
		if (tag == null) {
			return null;
		}
		Locale locale = Languages.parse(tag.strip());
		if (locale == null) {
			throw new InvalidValueException("locale", "Send a BCP 47 language tag such as 'de' or 'en-GB', of at most "
					+ Languages.MAX_TAG + " characters.");
		}
		return Languages.isSupported(locale) ? Languages.supported(locale).toLanguageTag() : null;
	}

	private Mono<PlacedOrder> create(PlaceOrder order, String actor) {
		List<String> skus = order.lines().stream().map(PlaceOrder.Line::sku).toList();
		return this.catalog.findAll(skus).flatMap((products) -> {
			validate(order, products);
			Map<String, Integer> quantities = new LinkedHashMap<>();
			order.lines().forEach((line) -> quantities.put(line.sku(), line.quantity()));
			return this.availability.quoteLocked(products, quantities, order.priority())
				.map((quotes) -> notOrderable(order, quotes))
				.flatMap((refused) -> insertOrder(order)
					.flatMap((orderId) -> insertLines(orderId, order, products, refused)
						.flatMap((lineIds) -> placed(order, orderId, skus, lineIds, actor))))
				// the same number was placed concurrently and committed first
				.switchIfEmpty(Mono.defer(() -> find(order.number()).flatMap((existing) -> retry(order, existing))));
		});
	}

	/**
	 * The units of each line beyond its product's cap, or an
	 * {@link InvalidInputException} naming the first such line when the shop refuses
	 * them.
	 */
	private int[] notOrderable(PlaceOrder order, Map<String, Quote> quotes) {
		int[] refused = new int[order.lines().size()];
		for (int i = 0; i < refused.length; i++) {
			PlaceOrder.Line line = order.lines().get(i);
			Quote quote = quotes.get(line.sku());
			refused[i] = (quote != null) ? quote.notOrderable() : 0;
			if (refused[i] > 0 && this.settings.beyondCap() == OrderSettings.BeyondCap.REFUSE) {
				int orderable = line.quantity() - refused[i];
				throw new InvalidInputException("lines[" + i + "].quantity",
						"Only " + orderable + " of " + line.quantity() + " units of '" + line.sku()
								+ "' can be ordered now: the product's backorder cap is reached");
			}
		}
		return refused;
	}

	private Mono<PlacedOrder> placed(PlaceOrder order, long orderId, List<String> skus, List<Long> lineIds,
			String actor) {
		return this.replans
			.replan(skus,
					new Replans.Change(ReplanReason.ORDER_PLACED, null, actor,
							find(order.number())
								.map((placed) -> List.of(new NewOrderEvent(orderId, placed(placed), actor))),
							Set.copyOf(lineIds), true))
			.then(find(order.number()))
			.map((placed) -> new PlacedOrder(placed, true));
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
		DatabaseClient.GenericExecuteSpec insert = this.db.sql("""
				insert into customer_order (number, customer_email, customer_name, placed_at, priority, locale,
					ship_preference)
				values (:number, :email, :name, :placedAt, :priority, :locale, :shipPreference)
				on conflict (number) do nothing
				returning id
				""")
			.bind("number", order.number())
			.bind("email", order.customerEmail())
			.bind("name", order.customerName())
			.bind("placedAt", (order.placedAt() != null) ? order.placedAt() : this.clock.instant())
			.bind("priority", order.priority().value())
			.bind("shipPreference",
					Objects.requireNonNullElse(order.shipPreference(), ShipPreference.SHIP_WHEN_READY).name());
		insert = (order.locale() != null) ? insert.bind("locale", order.locale())
				: insert.bindNull("locale", String.class);
		return insert.map((row) -> row.get(0, Long.class)).one();
	}

	private Mono<List<Long>> insertLines(long orderId, PlaceOrder order, Map<String, Product> products,
			int[] notOrderable) {
		int size = order.lines().size();
		Integer[] lineNos = new Integer[size];
		String[] skus = new String[size];
		Integer[] quantities = new Integer[size];
		Long[] prices = new Long[size];
		String[] currencies = new String[size];
		Integer[] refused = new Integer[size];
		for (int i = 0; i < size; i++) {
			refused[i] = notOrderable[i];
			PlaceOrder.Line line = order.lines().get(i);
			Product product = products.get(line.sku());
			lineNos[i] = i + 1;
			skus[i] = line.sku();
			quantities[i] = line.quantity();
			// what the customer paid, when the storefront says: a refund gives back that
			prices[i] = (line.unitPriceCents() != null) ? line.unitPriceCents() : product.priceCents();
			currencies[i] = product.currency();
		}
		return this.db.sql("""
				insert into order_line (order_id, line_no, sku, quantity, unit_price_cents, currency, cancelled,
					not_orderable)
				select :orderId, u.line_no, u.sku, u.quantity, u.price, u.currency, u.refused, u.refused
				from unnest(:lineNos, :skus, :quantities, :prices, :currencies, :refused)
					as u(line_no, sku, quantity, price, currency, refused)
				returning id
				""")
			.bind("orderId", orderId)
			.bind("lineNos", lineNos)
			.bind("skus", skus)
			.bind("quantities", quantities)
			.bind("prices", prices)
			.bind("currencies", currencies)
			.bind("refused", refused)
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList();
	}

	private static OrderPlaced placed(OrderView order) {
		return new OrderPlaced(
				order.lines().stream().map((line) -> new LineMove(line.id(), line.sku(), null, line.state())).toList());
	}

	private static final String SELECT = """
			select o.id as order_id, o.number, o.customer_email, o.customer_name, o.placed_at, o.ship_preference,
				o.email_preference, o.link_revision, o.priority, o.locale,
				greatest(o.updated_at, max(l.updated_at) over (partition by o.id)) as updated_at,
				o.version as order_version, l.id, l.line_no, l.sku, p.name as product_name, l.quantity,
				l.allocated, l.scheduled, l.shipped, l.cancelled, l.eta_earliest, l.eta_latest,
				l.previous_eta_earliest, l.previous_eta_latest, l.promised_earliest, l.promised_latest,
				l.eta_changed_at, l.unit_price_cents, l.currency, l.version, l.not_orderable
			from customer_order o
			join order_line l on l.order_id = o.id
			join product p on p.sku = l.sku
			""";

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
		return this.db.sql(SELECT + " where o.number = :number order by l.line_no")
			.bind("number", number)
			.map((row) -> Map.entry(header(row), line(row)))
			.all()
			.collectList()
			.flatMap(OrderService::assemble);
	}

	/**
	 * Reads what a page needs to check access and to know whether the order changed, in
	 * one index lookup per table, without reading the order's lines.
	 * @param number the shop's order number, as given: one that no order could have finds
	 * none
	 * @return the order's stamp, or empty when there is none
	 */
	public Mono<OrderStamp> stamp(String number) {
		if (!InputRules.isIdentifier(number)) {
			return Mono.empty();
		}
		return this.db
			.sql("""
					select o.id, o.link_revision, o.locale,
						coalesce((select e.id from order_event e where e.order_id = o.id order by e.id desc limit 1), 0)
							as last_event_id,
						coalesce((select (extract(epoch from max(p.updated_at)) * 1000000)::bigint
							from order_line l join product p on p.sku = l.sku where l.order_id = o.id), 0) as products_changed
					from customer_order o
					where o.number = :number
					""")
			.bind("number", number)
			.map((row) -> new OrderStamp(row.get("id", Long.class), row.get("link_revision", Integer.class),
					row.get("last_event_id", Long.class), row.get("products_changed", Long.class),
					Languages.stored(row.get("locale", String.class))))
			.one();
	}

	/**
	 * Reads the orders whose number is the given one whatever its case: what a customer
	 * typing "bo-1001" means. Numbers are unique as stored, so several orders can differ
	 * only in case; the exact match comes first.
	 * @param number the number, without surrounding spaces; one that no order could have
	 * finds none
	 * @return the orders, the one with exactly this number first
	 */
	public Flux<OrderView> findIgnoringCase(String number) {
		if (!InputRules.isIdentifier(number)) {
			return Flux.empty();
		}
		return this.db
			.sql(SELECT + " where lower(o.number) = lower(:number) order by o.number = :number desc, o.id, l.line_no")
			.bind("number", number)
			.map((row) -> Map.entry(header(row), line(row)))
			.all()
			.bufferUntilChanged((entry) -> entry.getKey().id())
			.flatMap(OrderService::assemble);
	}

	/**
	 * Reads several orders by id, in one query.
	 * @param ids the orders' ids
	 * @return the orders found, by id
	 */
	public Mono<Map<Long, OrderView>> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql(SELECT + " where o.id = any(:ids) order by o.id, l.line_no")
			.bind("ids", ids.toArray(Long[]::new))
			.map((row) -> Map.entry(header(row), line(row)))
			.all()
			.bufferUntilChanged((entry) -> entry.getKey().id())
			.flatMap(OrderService::assemble)
			.collectMap(OrderView::id);
	}

	private static Mono<OrderView> assemble(List<Map.Entry<OrderView, OrderLineView>> rows) {
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		OrderView header = rows.get(0).getKey();
		List<OrderLineView> lines = rows.stream().map(Map.Entry::getValue).toList();
		return Mono.just(new OrderView(header.id(), header.number(), header.customerEmail(), header.customerName(),
				header.placedAt(), header.shipPreference(), header.emailPreference(), header.version(),
				header.linkRevision(), header.priority(), header.updatedAt(), lines, header.locale()));
	}

	private static OrderView header(Readable row) {
		return new OrderView(row.get("order_id", Long.class), row.get("number", String.class),
				row.get("customer_email", String.class), row.get("customer_name", String.class),
				row.get("placed_at", Instant.class), ShipPreference.valueOf(row.get("ship_preference", String.class)),
				EmailPreference.valueOf(row.get("email_preference", String.class)),
				row.get("order_version", Long.class), row.get("link_revision", Integer.class),
				OrderPriority.of(row.get("priority", Integer.class)), row.get("updated_at", Instant.class), List.of(),
				Languages.stored(row.get("locale", String.class)));
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
				row.get("currency", String.class), row.get("version", Long.class),
				row.get("not_orderable", Integer.class));
	}

	/**
	 * Re-plans the given SKUs and appends an event to every order whose lines changed,
	 * and a delay notice to every order the change delayed, in the caller's transaction.
	 * @param skus the SKUs whose supply changed
	 * @param reason what changed, recorded in the events
	 * @param note the planner's explanation for customers, if any
	 * @param actor who changed it
	 * @return the lines that changed
	 */
	Mono<List<LineChange>> replan(Collection<String> skus, ReplanReason reason, @Nullable String note, String actor) {
		return this.replans.replan(skus, Replans.Change.of(reason, note, actor));
	}

	/**
	 * Moves an order's link revision on: links signed with an earlier revision (see
	 * {@code security.CustomerLinks}), and access granted at one, stop opening the order.
	 * The timeline gets {@link LinksRevoked} in the same transaction, so every instance
	 * ends the live streams that such access opened once it is committed.
	 * @param orderId the order
	 * @param actor who revoked the links ({@code staff:<username>}, see
	 * {@code timeline.Actors})
	 * @return whether the order exists
	 */
	@Transactional
	public Mono<Boolean> nextLinkRevision(long orderId, String actor) {
		return this.db
			.sql("update customer_order set link_revision = link_revision + 1 where id = :id returning link_revision")
			.bind("id", orderId)
			.map((row) -> row.get("link_revision", Integer.class))
			.one()
			.flatMap((revision) -> this.events.append(new NewOrderEvent(orderId, new LinksRevoked(revision), actor)))
			.map((appended) -> true)
			.defaultIfEmpty(false);
	}

	/**
	 * The planner's latest explanation for each waiting line of some orders: the note of
	 * the restock that covers it, if it has one.
	 * @param orderIds the orders
	 * @return the notes by line id; lines without one are absent
	 */
	public Mono<Map<Long, String>> restockNotes(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("""
				select l.id, r.customer_note from order_line l join restock r on r.id = l.restock_id
				where l.order_id = any(:ids) and r.customer_note is not null
					and l.shipped + l.cancelled + l.allocated < l.quantity
				""")
			.bind("ids", orderIds.toArray(Long[]::new))
			.map((row) -> Map.entry(row.get("id", Long.class), row.get("customer_note", String.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
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
