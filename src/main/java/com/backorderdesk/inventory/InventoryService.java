package com.backorderdesk.inventory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock and restocks. Writers join the caller's transaction so that a supply change and
 * the re-planning it causes commit together.
 */
@Service
public class InventoryService {

	/** Receipts a supplier needs before its own lateness replaces the default. */
	private static final int LATENESS_HISTORY_MINIMUM = 3;

	private static final String RESTOCK_SELECT = """
			select r.id, r.sku, s.name as supplier, r.quantity, r.quantity_received, r.promised_on,
				r.expected_on, r.received_on, r.status, r.version
			from restock r join supplier s on s.id = r.supplier_id
			""";

	private final DatabaseClient db;

	InventoryService(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Sets the units on hand for a SKU.
	 * @param sku the SKU
	 * @param onHand units in the warehouse not yet shipped
	 * @return the previous figure
	 */
	@Transactional
	public Mono<Integer> setOnHand(String sku, int onHand) {
		return this.db.sql("""
				update stock s set on_hand = :onHand, version = s.version + 1, updated_at = now()
				from (select on_hand from stock where sku = :sku for update) old
				where s.sku = :sku returning old.on_hand
				""")
			.bind("sku", sku)
			.bind("onHand", onHand)
			.map((row) -> row.get(0, Integer.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("sku", "No product with SKU '" + sku + "'")));
	}

	@Transactional
	public Mono<Restock> create(NewRestock restock) {
		// the product is checked first so that a rejected restock leaves no new supplier
		// behind
		return this.db.sql("select 1 from product where sku = :sku")
			.bind("sku", restock.sku())
			.map((row) -> 1)
			.one()
			.switchIfEmpty(
					Mono.error(() -> new NotFoundException("sku", "No product with SKU '" + restock.sku() + "'")))
			.then(this.db.sql("""
					with found as (
						insert into supplier (name) values (:supplier) on conflict (name) do nothing returning id
					)
					insert into restock (sku, supplier_id, quantity, promised_on, expected_on)
					values (:sku, coalesce((select id from found), (select id from supplier where name = :supplier)),
						:quantity, :expectedOn, :expectedOn)
					returning id
					""")
				.bind("supplier", restock.supplier())
				.bind("sku", restock.sku())
				.bind("quantity", restock.quantity())
				.bind("expectedOn", restock.expectedOn())
				.map((row) -> row.get(0, Long.class))
				.one())
			.flatMap(this::find);
	}

	public Mono<Restock> find(long id) {
		return this.db.sql(RESTOCK_SELECT + " where r.id = :id")
			.bind("id", id)
			.map(InventoryService::restock)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No restock with id " + id)));
	}

	/**
	 * Changes a restock under a row lock, checking the version the change was based on.
	 * @param id the restock's id
	 * @param change what to change
	 * @return the restock before and after
	 */
	@Transactional
	public Mono<RestockUpdate> update(long id, RestockChange change) {
		return this.db.sql(RESTOCK_SELECT + " where r.id = :id for update of r")
			.bind("id", id)
			.map(InventoryService::restock)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No restock with id " + id)))
			.flatMap((before) -> apply(before, change));
	}

	private Mono<RestockUpdate> apply(Restock before, RestockChange change) {
		if (change.version() != null && change.version() != before.version()) {
			return Mono.error(new ConflictException("Restock " + before.id() + " was changed by someone else", before));
		}
		if (!before.status().isOpen()) {
			return Mono.error(new InvalidInputException("status",
					"Restock " + before.id() + " is " + before.status() + " and can no longer be changed"));
		}
		if (change.status() == RestockStatus.RECEIVED) {
			return Mono.error(new InvalidInputException("status", "Record a receipt to mark a restock as received"));
		}
		int quantity = Objects.requireNonNullElse(change.quantity(), before.quantity());
		if (quantity < before.quantityReceived()) {
			return Mono.error(new InvalidInputException("quantity",
					"Quantity cannot be below the " + before.quantityReceived() + " units already received"));
		}
		LocalDate expectedOn = Objects.requireNonNullElse(change.expectedOn(), before.expectedOn());
		RestockStatus status = Objects.requireNonNullElse(change.status(), before.status());
		return this.db.sql("""
				update restock set expected_on = :expectedOn, quantity = :quantity, status = :status,
					version = version + 1, updated_at = now()
				where id = :id
				""")
			.bind("id", before.id())
			.bind("expectedOn", expectedOn)
			.bind("quantity", quantity)
			.bind("status", status.name())
			.then()
			.then(find(before.id()))
			.map((after) -> new RestockUpdate(before, after));
	}

	/**
	 * Locks the stock rows of the given SKUs (in SKU order, so concurrent callers never
	 * deadlock) and reads their planned supply. Must run inside the caller's transaction.
	 * @param skus the SKUs
	 * @return supply by SKU, for every SKU that exists
	 */
	public Mono<Map<String, SupplySnapshot>> lockSupply(Collection<String> skus) {
		String[] sorted = new TreeSet<>(skus).toArray(String[]::new);
		Mono<Map<String, Integer>> stock = this.db
			.sql("select sku, on_hand from stock where sku = any(:skus) order by sku for update")
			.bind("skus", sorted)
			.map((row) -> Map.entry(row.get("sku", String.class), row.get("on_hand", Integer.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
		Mono<Map<String, List<OpenRestock>>> restocks = this.db
			.sql("""
					with lateness as (
						select supplier_id,
							ceil(percentile_cont(0.8) within group (order by greatest(received_on - promised_on, 0)))::int as days
						from restock where status = 'RECEIVED' and received_on is not null
						group by supplier_id having count(*) >= :minimum
					)
					select r.id, r.sku, r.expected_on, r.quantity - r.quantity_received as open_quantity, l.days
					from restock r left join lateness l on l.supplier_id = r.supplier_id
					where r.sku = any(:skus) and r.status not in ('RECEIVED', 'CANCELLED') and r.quantity > r.quantity_received
					order by r.sku, r.expected_on, r.id
					""")
			.bind("skus", sorted)
			.bind("minimum", LATENESS_HISTORY_MINIMUM)
			.map((row) -> Map.entry(row.get("sku", String.class),
					new OpenRestock(row.get("id", Long.class), row.get("expected_on", LocalDate.class),
							row.get("open_quantity", Integer.class), row.get("days", Integer.class))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((byKey) -> {
				Map<String, List<OpenRestock>> result = new LinkedHashMap<>();
				byKey.forEach((sku, list) -> result.put(sku, new ArrayList<>(list)));
				return result;
			});
		return stock.flatMap((onHand) -> restocks.map((open) -> {
			Map<String, SupplySnapshot> supply = new LinkedHashMap<>();
			onHand.forEach(
					(sku, units) -> supply.put(sku, new SupplySnapshot(sku, units, open.getOrDefault(sku, List.of()))));
			return supply;
		}));
	}

	/**
	 * Every supplier's delivery record: of its received restocks, how many arrived by the
	 * date first promised and how many days late they were on average.
	 * @return one entry per supplier with at least one received restock, by name
	 */
	public Mono<List<SupplierReliability>> supplierReliability() {
		return this.db.sql("""
				select s.name, count(*) as received, count(*) filter (where r.received_on <= r.promised_on) as on_time,
					avg(greatest(r.received_on - r.promised_on, 0))::float8 as days_late
				from restock r join supplier s on s.id = r.supplier_id
				where r.received_on is not null
				group by s.name
				order by s.name
				""")
			.map((row) -> new SupplierReliability(row.get("name", String.class), row.get("received", Long.class),
					row.get("on_time", Long.class), row.get("days_late", Double.class)))
			.all()
			.collectList();
	}

	private static Restock restock(Readable row) {
		return new Restock(row.get("id", Long.class), row.get("sku", String.class), row.get("supplier", String.class),
				row.get("quantity", Integer.class), row.get("quantity_received", Integer.class),
				row.get("promised_on", LocalDate.class), row.get("expected_on", LocalDate.class),
				row.get("received_on", LocalDate.class), RestockStatus.valueOf(row.get("status", String.class)),
				row.get("version", Long.class));
	}

}
