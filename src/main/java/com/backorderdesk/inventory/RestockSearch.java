package com.backorderdesk.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

/**
 * Reads restocks for the people who plan them: filtered lists, supplier names, receipts.
 */
@Service
public class RestockSearch {

	private final DatabaseClient db;

	RestockSearch(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * The restocks a {@link RestockFilter} shows, for {@link #find} and {@link #count}.
	 */
	private static final String FILTERED = """
			where r.sku ilike :sku escape '\\' and s.name ilike :supplier escape '\\'
				and (cast(:status as text) is null or r.status = cast(:status as text))
				and (cast(:status as text) is not null or not :openOnly or r.status not in ('RECEIVED', 'CANCELLED'))
				and r.expected_on >= coalesce(cast(:from as date), '-infinity')
				and r.expected_on <= coalesce(cast(:to as date), 'infinity')
			""";

	/**
	 * Finds one page of restocks, soonest expected first, then by id, so pages neither
	 * repeat nor skip a restock.
	 * @param filter what to show
	 * @param offset how many matching restocks come before the page
	 * @param limit the most restocks to return
	 * @return the restocks
	 */
	public Mono<List<Restock>> find(RestockFilter filter, long offset, int limit) {
		return bind(this.db.sql(InventoryService.RESTOCK_SELECT + FILTERED + """
				order by r.expected_on, r.id
				limit :limit offset :offset
				"""), filter).bind("limit", limit)
			.bind("offset", offset)
			.map(InventoryService::restock)
			.all()
			.collectList();
	}

	/**
	 * Counts the restocks a filter shows.
	 * @param filter what to show
	 * @return how many restocks match
	 */
	public Mono<Long> count(RestockFilter filter) {
		return bind(this.db.sql("""
				select count(*) as total from restock r join supplier s on s.id = r.supplier_id
				""" + FILTERED), filter).map((row) -> row.get("total", Long.class)).one();
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec sql, RestockFilter filter) {
		return sql.bind("sku", contains(filter.sku()))
			.bind("supplier", contains(filter.supplier()))
			.bind("status",
					Parameter.fromOrEmpty((filter.status() != null) ? filter.status().name() : null, String.class))
			.bind("openOnly", filter.openOnly())
			.bind("from", Parameter.fromOrEmpty(filter.from(), LocalDate.class))
			.bind("to", Parameter.fromOrEmpty(filter.to(), LocalDate.class));
	}

	/**
	 * The names of suppliers with restocks still to come, for choosing one.
	 * @param limit the most names to return
	 * @return the names, sorted
	 */
	public Mono<List<String>> suppliersWithOpenRestocks(int limit) {
		return this.db
			.sql("""
					select s.name from supplier s
					where exists (select 1 from restock r where r.supplier_id = s.id and r.status not in ('RECEIVED', 'CANCELLED'))
					order by s.name
					""")
			.map((row) -> row.get("name", String.class))
			.all()
			.collectList();
	}

	/**
	 * The deliveries of one restock, oldest first, each with its units as corrected.
	 * @param restockId the restock
	 * @return its receipts
	 */
	public Mono<List<RestockReceipt>> receipts(long restockId) {
		return this.db.sql(RestockReceipt.SELECT + " order by r.id")
			.bind("id", restockId)
			.map(RestockReceipt::of)
			.all()
			.collectList();
	}

	/**
	 * Lists restocks by id, a page at a time.
	 * @param afterId the last id of the previous page, or {@code null} for the first
	 * @param limit the most restocks to return
	 * @param sku only this SKU, or {@code null}
	 * @param supplier only this supplier (its exact name), or {@code null}
	 * @param status only this status, or {@code null}
	 * @param updatedSince only restocks changed at or after this moment, or {@code null}
	 * @return the restocks with when each last changed, by id
	 */
	public Mono<List<ListedRestock>> list(@Nullable Long afterId, int limit, @Nullable String sku,
			@Nullable String supplier, @Nullable RestockStatus status, @Nullable Instant updatedSince) {
		return this.db.sql(LISTED + """
				where r.id > coalesce(cast(:after as bigint), 0) and (cast(:sku as text) is null or r.sku = :sku)
					and (cast(:supplier as text) is null or s.name = :supplier)
					and (cast(:status as text) is null or r.status = :status)
					and r.updated_at >= coalesce(cast(:since as timestamptz), '-infinity')
				order by r.id limit :limit
				""")
			.bind("after", Parameter.fromOrEmpty(afterId, Long.class))
			.bind("sku", Parameter.fromOrEmpty(sku, String.class))
			.bind("supplier", Parameter.fromOrEmpty(supplier, String.class))
			.bind("status", Parameter.fromOrEmpty((status != null) ? status.name() : null, String.class))
			.bind("since", Parameter.fromOrEmpty(updatedSince, Instant.class))
			.bind("limit", limit)
			.map((row) -> new ListedRestock(InventoryService.restock(row), row.get("updated_at", Instant.class)))
			.all()
			.collectList();
	}

	/**
	 * Reads a restock with when it last changed.
	 * @param id the restock's id
	 * @return the restock, or empty when there is none
	 */
	public Mono<ListedRestock> findListed(long id) {
		return this.db.sql(LISTED + " where r.id = :id")
			.bind("id", id)
			.map((row) -> new ListedRestock(InventoryService.restock(row), row.get("updated_at", Instant.class)))
			.one();
	}

	private static final String LISTED = """
			select r.id, r.sku, s.name as supplier, r.quantity, r.quantity_received, r.promised_on,
				r.expected_on, r.received_on, r.status, r.version, r.updated_at
			from restock r join supplier s on s.id = r.supplier_id
			""";

	/**
	 * A {@code like} pattern that finds the text anywhere, its wildcards taken as
	 * written.
	 * @param text what to find, stripped
	 * @return the pattern, for {@code ilike ... escape '\'}
	 */
	static String contains(String text) {
		return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
