package com.backorderdesk.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;

/**
 * Finds orders for staff: by order number (with or without its letters: "1001" finds
 * BO-1001), customer name, e-mail address or SKU, and by the status of their lines, a
 * page at a time.
 */
@Service
public class OrderSearch {

	/** A line's {@link LineStatus}, as {@link LineStatus#of} decides it, in SQL. */
	private static final String STATUS = """
			case when l.quantity - l.shipped - l.cancelled = 0
					then case when l.shipped > 0 then 'SHIPPED' else 'CANCELLED' end
				when l.allocated >= l.quantity - l.shipped - l.cancelled then 'ALLOCATED'
				when l.allocated > 0 then 'PARTIALLY_ALLOCATED'
				when l.scheduled > 0 then 'BACKORDERED'
				else 'OUT_OF_STOCK' end""";

	/**
	 * An order number from its first digit on ({@code bo-1001} gives {@code 1001}), which
	 * an index of migration V80 holds.
	 */
	private static final String NUMBER_DIGITS = "regexp_replace(lower(o.number), '^[^0-9]*', '')";

	private final DatabaseClient db;

	private final OrderService orders;

	OrderSearch(DatabaseClient db, OrderService orders) {
		this.db = db;
		this.orders = orders;
	}

	/**
	 * Counts the orders a search finds, for its pager: the pages, and the last page when
	 * one past it is asked for.
	 * @param query what to look for (its sort and page are not used)
	 * @return how many orders match, 0 when none
	 */
	public Mono<Long> count(Query query) {
		return bind(this.db.sql("""
				select count(*) as total
				from customer_order o
				where exists (select 1 from order_line l where l.order_id = o.id)
					and %s
				""".formatted(matching())), query).map((row) -> row.get("total", Long.class)).one().defaultIfEmpty(0L);
	}

	/**
	 * Finds one page of orders.
	 * @param query what to look for, and the page
	 * @return the page's orders, in the query's order; empty past the last page
	 */
	public Mono<List<Summary>> search(Query query) {
		String order = query.sort().column + (query.descending() ? " desc" : " asc") + ", o.id desc";
		return bind(this.db.sql("""
				select o.id, o.number, o.customer_email, o.customer_name, o.placed_at, count(*)::int as lines,
					sum(l.quantity)::int as units,
					sum(greatest(l.quantity - l.shipped - l.cancelled - l.allocated, 0))::int as waiting,
					sum(greatest(l.quantity - l.shipped - l.cancelled - l.allocated - l.scheduled, 0))::int as undated,
					max(l.eta_latest) as eta_latest,
					array_agg(distinct %s) as statuses
				from customer_order o
				join order_line l on l.order_id = o.id
				where %s
				group by o.id
				order by %s
				limit :size offset :offset
				""".formatted(STATUS, matching(), order)), query).bind("size", query.size())
			.bind("offset", (long) query.page() * query.size())
			.map(OrderSearch::summary)
			.all()
			.collectList();
	}

	/** What an order must match, in SQL, with the parameters {@link #bind} binds. */
	private static String matching() {
		return """
				(:text = '' or lower(o.number) like :prefix or %s like :prefix
						or lower(o.customer_email) like :contains or lower(o.customer_name) like :contains
						or exists (select 1 from order_line m where m.order_id = o.id and lower(m.sku) like :prefix))
					and (cast(:status as text) is null or exists (
						select 1 from order_line l where l.order_id = o.id and %s = :status))"""
			.formatted(NUMBER_DIGITS, STATUS);
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec sql, Query query) {
		String text = query.text().strip().toLowerCase(Locale.ROOT);
		String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return sql.bind("text", text)
			.bind("prefix", escaped + "%")
			.bind("contains", "%" + escaped + "%")
			.bind("status",
					Parameter.fromOrEmpty((query.status() != null) ? query.status().name() : null, String.class));
	}

	private static Summary summary(Readable row) {
		String[] statuses = row.get("statuses", String[].class);
		return new Summary(row.get("id", Long.class), row.get("number", String.class),
				row.get("customer_email", String.class), row.get("customer_name", String.class),
				row.get("placed_at", Instant.class), row.get("lines", Integer.class), row.get("units", Integer.class),
				row.get("waiting", Integer.class), row.get("undated", Integer.class),
				row.get("eta_latest", LocalDate.class),
				Arrays.stream((statuses != null) ? statuses : new String[0])
					.map(LineStatus::valueOf)
					.sorted()
					.toList());
	}

	/**
	 * How to sort the orders found.
	 */
	public enum Sort {

		PLACED("o.placed_at"), NUMBER("o.number"), EMAIL("lower(o.customer_email)"), WAITING("waiting");

		private final String column;

		Sort(String column) {
			this.column = column;
		}

	}

	/**
	 * What to look for.
	 *
	 * @param text the start of an order number (with or without the letters before its
	 * digits) or SKU, or part of a customer's name or e-mail address; blank for every
	 * order
	 * @param status only orders with a line in this status, or {@code null}
	 * @param sort the order of the results
	 * @param descending whether to sort from the largest
	 * @param page the page, from 0
	 * @param size orders per page
	 */
	public record Query(String text, @Nullable LineStatus status, Sort sort, boolean descending, int page, int size) {
	}

	/**
	 * An order found, in one row.
	 *
	 * @param id the order's id
	 * @param number the shop's order number
	 * @param customerEmail the customer's e-mail address
	 * @param customerName the customer's name
	 * @param placedAt when it was placed
	 * @param lines how many lines it has
	 * @param units units ordered
	 * @param waiting units neither allocated, shipped nor cancelled
	 * @param undated of those, units without any date
	 * @param etaLatest the latest end of its lines' windows, if any
	 * @param statuses the statuses its lines are in
	 */
	public record Summary(long id, String number, String customerEmail, String customerName, Instant placedAt,
			int lines, int units, int waiting, int undated, @Nullable LocalDate etaLatest, List<LineStatus> statuses) {
	}

	/**
	 * Lists orders by id, a page at a time.
	 * @param afterId the last id of the previous page, or {@code null} for the first
	 * @param limit the most orders to return
	 * @param status only orders with a line in this status, or {@code null}
	 * @param sku only orders with a line of this SKU, or {@code null}
	 * @param updatedSince only orders that changed (or whose lines changed) at or after
	 * this moment, or {@code null}
	 * @return the orders, by id
	 */
	public Mono<List<OrderView>> list(@Nullable Long afterId, int limit, @Nullable LineStatus status,
			@Nullable String sku, @Nullable Instant updatedSince) {
		return this.db.sql("""
				select o.id from customer_order o
				where o.id > coalesce(cast(:after as bigint), 0)
					and (cast(:since as timestamptz) is null or o.updated_at >= :since
						or exists (select 1 from order_line l where l.order_id = o.id and l.updated_at >= :since))
					and (cast(:sku as text) is null
						or exists (select 1 from order_line l where l.order_id = o.id and l.sku = :sku))
					and (cast(:status as text) is null
						or exists (select 1 from order_line l where l.order_id = o.id and %s = :status))
				order by o.id limit :limit
				""".formatted(STATUS))
			.bind("after", Parameter.fromOrEmpty(afterId, Long.class))
			.bind("since", Parameter.fromOrEmpty(updatedSince, Instant.class))
			.bind("sku", Parameter.fromOrEmpty(sku, String.class))
			.bind("status", Parameter.fromOrEmpty((status != null) ? status.name() : null, String.class))
			.bind("limit", limit)
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList()
			.flatMap((ids) -> this.orders.findAll(ids)
				.map((found) -> ids.stream().map(found::get).filter(Objects::nonNull).toList()));
	}

}
