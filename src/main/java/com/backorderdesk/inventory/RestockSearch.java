package com.backorderdesk.inventory;

import java.time.LocalDate;
import java.util.List;

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
	 * Finds restocks, soonest expected first.
	 * @param filter what to show
	 * @param limit the most restocks to return
	 * @return the restocks
	 */
	public Mono<List<Restock>> find(RestockFilter filter, int limit) {
		return this.db
			.sql(InventoryService.RESTOCK_SELECT
					+ """
							where r.sku ilike :sku escape '\\' and s.name ilike :supplier escape '\\'
								and (cast(:status as text) is null or r.status = cast(:status as text))
								and (cast(:status as text) is not null or not :openOnly or r.status not in ('RECEIVED', 'CANCELLED'))
								and r.expected_on >= coalesce(cast(:from as date), '-infinity')
								and r.expected_on <= coalesce(cast(:to as date), 'infinity')
							order by r.expected_on, r.id
							limit :limit
							""")
			.bind("sku", contains(filter.sku()))
			.bind("supplier", contains(filter.supplier()))
			.bind("status",
					Parameter.fromOrEmpty((filter.status() != null) ? filter.status().name() : null, String.class))
			.bind("openOnly", filter.openOnly())
			.bind("from", Parameter.fromOrEmpty(filter.from(), LocalDate.class))
			.bind("to", Parameter.fromOrEmpty(filter.to(), LocalDate.class))
			.bind("limit", limit)
			.map(InventoryService::restock)
			.all()
			.collectList();
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

	private static String contains(String text) {
		return "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

}
