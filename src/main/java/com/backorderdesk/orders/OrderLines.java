package com.backorderdesk.orders;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.catalog.CatalogService;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to the lines of a placed order, for the features that amend orders
 * (substitutes, cancellations). Every method joins the caller's transaction.
 *
 * <p>
 * Locks are taken in one order everywhere: the order row, then the SKUs' stock rows, so
 * two changes to one order never deadlock.
 */
@Service
public class OrderLines {

	private final DatabaseClient db;

	private final CatalogService catalog;

	private final Replans replans;

	private final OrderService orders;

	OrderLines(DatabaseClient db, CatalogService catalog, Replans replans, OrderService orders) {
		this.db = db;
		this.catalog = catalog;
		this.replans = replans;
		this.orders = orders;
	}

	/**
	 * Locks an order's row until the caller's transaction ends, so changes to one order
	 * are made one after the other.
	 * @param orderNumber the shop's order number
	 * @return the order's id; {@link NotFoundException} when there is no such order
	 */
	@Transactional
	public Mono<Long> lock(String orderNumber) {
		if (!InputRules.isIdentifier(orderNumber)) {
			return Mono.error(new NotFoundException("orderNumber", "No order with that number"));
		}
		// no key update: other transactions may still append events to the order (their
		// foreign key check takes a key share lock), while changes to it queue up here
		return this.db.sql("select id from customer_order where number = :number for no key update")
			.bind("number", orderNumber)
			.map((row) -> row.get("id", Long.class))
			.one()
			.switchIfEmpty(Mono
				.error(() -> new NotFoundException("orderNumber", "No order with number '" + orderNumber + "'")));
	}

	/**
	 * Units of a SKU that open lines hold from stock. With the SKU's stock row locked, on
	 * hand minus this is what a new line could take now.
	 * @param sku the SKU
	 * @return the units held
	 */
	public Mono<Integer> allocatedUnits(String sku) {
		return this.db.sql("""
				select coalesce(sum(allocated), 0)::int from order_line
				where sku = :sku and shipped + cancelled < quantity
				""").bind("sku", sku).map((row) -> row.get(0, Integer.class)).one();
	}

	/**
	 * Units of several SKUs that open lines hold from stock, in one query.
	 * @param skus the SKUs
	 * @return the units held by SKU; SKUs nobody holds are absent
	 */
	public Mono<Map<String, Integer>> allocatedUnits(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("""
				select sku, sum(allocated)::int as held from order_line
				where sku = any(:skus) and shipped + cancelled < quantity and allocated > 0
				group by sku
				""")
			.bind("skus", skus.toArray(String[]::new))
			.map((row) -> Map.entry(row.get("sku", String.class), row.get("held", Integer.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Adds a line at the catalogue price and re-plans its SKU, so it takes free stock at
	 * once. The caller appends the event that explains the new line, and checks that it
	 * got what it needs: the line is added even when stock covers only part of it.
	 * @param orderNumber the shop's order number
	 * @param sku the SKU; not yet on the order
	 * @param quantity units, more than zero
	 * @param actor who added it
	 * @return the new line as planned
	 */
	@Transactional
	public Mono<OrderLineView> addAllocatedLine(String orderNumber, String sku, int quantity, String actor) {
		return lock(orderNumber)
			.flatMap((orderId) -> this.catalog.find(sku)
				.switchIfEmpty(Mono.error(() -> new NotFoundException("sku", "No product with SKU '" + sku + "'")))
				.flatMap((product) -> this.db.sql("""
						insert into order_line (order_id, line_no, sku, quantity, unit_price_cents, currency)
						select :orderId, coalesce(max(line_no), 0) + 1, :sku, :quantity, :price, :currency
						from order_line where order_id = :orderId
						returning id
						""")
					.bind("orderId", orderId)
					.bind("sku", sku)
					.bind("quantity", quantity)
					.bind("price", product.priceCents())
					.bind("currency", product.currency())
					.map((row) -> row.get("id", Long.class))
					.one())
				.flatMap((lineId) -> this.replans
					.replan(List.of(sku),
							new Replans.Change(ReplanReason.ITEM_ADDED, null, actor, Mono.just(List.of()),
									Set.of(lineId)))
					.then(this.orders.find(orderNumber))
					.map((order) -> order.lines()
						.stream()
						.filter((line) -> line.id() == lineId)
						.findFirst()
						.orElseThrow())));
	}

	/**
	 * Reads one line of an order.
	 * @param orderId the order
	 * @param lineId the line
	 * @return the line; {@link NotFoundException} when the order has no such line
	 */
	Mono<StoredQuantities> line(long orderId, long lineId) {
		return this.db.sql("""
				select id, sku, quantity - shipped - cancelled as open_quantity, allocated, scheduled, shipped,
					eta_earliest, eta_latest
				from order_line where id = :lineId and order_id = :orderId
				""")
			.bind("lineId", lineId)
			.bind("orderId", orderId)
			.map((row) -> new StoredQuantities(row.get("id", Long.class), row.get("sku", String.class),
					row.get("open_quantity", Integer.class), row.get("allocated", Integer.class),
					row.get("scheduled", Integer.class), row.get("shipped", Integer.class),
					Replanner.window(row.get("eta_earliest", LocalDate.class), row.get("eta_latest", LocalDate.class))))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("lineId", "The order has no line " + lineId)));
	}

	/**
	 * Cancels units of a line that nothing holds. Its scheduled units and window are
	 * cleared with them: the caller re-plans the SKU, which gives the units still waiting
	 * the supply the queue has for them.
	 */
	Mono<Void> cancel(long lineId, int units) {
		return this.db.sql("""
				update order_line set cancelled = cancelled + :units, scheduled = 0, restock_id = null,
					previous_eta_earliest = coalesce(eta_earliest, previous_eta_earliest),
					previous_eta_latest = coalesce(eta_latest, previous_eta_latest),
					eta_changed_at = case when eta_earliest is null then eta_changed_at else now() end,
					eta_earliest = null, eta_latest = null, version = version + 1
				where id = :lineId
				""").bind("lineId", lineId).bind("units", units).then();
	}

}
