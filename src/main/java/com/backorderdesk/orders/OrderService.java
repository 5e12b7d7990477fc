package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

	OrderService(DatabaseClient db, CatalogService catalog, Replans replans, Clock clock) {
		this.db = db;
		this.catalog = catalog;
		this.replans = replans;
		this.clock = clock;
	}

	/**
	 * Places an order in one transaction: stock the SKUs have is allocated now, planned
	 * supply schedules the rest, and the timeline gets {@link OrderPlaced}. Placing a
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
		return new PlaceOrder(order.number(), email, name, order.lines(), order.placedAt(), language(order.locale()));
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
			return insertOrder(order)
				.flatMap((orderId) -> insertLines(orderId, order, products)
					.flatMap((lineIds) -> this.replans.replan(skus,
							new Replans.Change(ReplanReason.ORDER_PLACED, null, actor,
									find(order.number())
										.map((placed) -> List.of(new NewOrderEvent(orderId, placed(placed), actor))),
									Set.copyOf(lineIds))))
					.then(find(order.number()))
					.map((placed) -> new PlacedOrder(placed, true)))
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
		DatabaseClient.GenericExecuteSpec insert = this.db.sql("""
				insert into customer_order (number, customer_email, customer_name, placed_at, locale)
				values (:number, :email, :name, :placedAt, :locale)
				on conflict (number) do nothing
				returning id
				""")
			.bind("number", order.number())
			.bind("email", order.customerEmail())
			.bind("name", order.customerName())
			.bind("placedAt", (order.placedAt() != null) ? order.placedAt() : this.clock.instant());
		insert = (order.locale() != null) ? insert.bind("locale", order.locale())
				: insert.bindNull("locale", String.class);
		return insert.map((row) -> row.get(0, Long.class)).one();
	}

	private Mono<List<Long>> insertLines(long orderId, PlaceOrder order, Map<String, Product> products) {
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
					returning id
					""")
			.bind("orderId", orderId)
			.bind("lineNos", lineNos)
			.bind("skus", skus)
			.bind("quantities", quantities)
			.bind("prices", prices)
			.bind("currencies", currencies)
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
				o.email_preference, o.link_revision, o.locale,
				o.version as order_version, l.id, l.line_no, l.sku, p.name as product_name, l.quantity,
				l.allocated, l.scheduled, l.shipped, l.cancelled, l.eta_earliest, l.eta_latest,
				l.previous_eta_earliest, l.previous_eta_latest, l.promised_earliest, l.promised_latest,
				l.eta_changed_at, l.unit_price_cents, l.currency, l.version
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
				header.linkRevision(), lines, header.locale()));
	}

	private static OrderView header(Readable row) {
		return new OrderView(row.get("order_id", Long.class), row.get("number", String.class),
				row.get("customer_email", String.class), row.get("customer_name", String.class),
				row.get("placed_at", Instant.class), ShipPreference.valueOf(row.get("ship_preference", String.class)),
				EmailPreference.valueOf(row.get("email_preference", String.class)),
				row.get("order_version", Long.class), row.get("link_revision", Integer.class), List.of(),
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
				row.get("currency", String.class), row.get("version", Long.class));
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
