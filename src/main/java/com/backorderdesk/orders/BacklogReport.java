package com.backorderdesk.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.EtaWindow;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Figures about the backlog for the staff dashboard: what waits, for how long, what no
 * planned supply covers and whose window slipped. Every figure is one set-based query
 * over the lines that still wait (a partial index holds exactly those), never a loop over
 * orders.
 *
 * <p>
 * A line <em>waits</em> while part of what is still open is not allocated from stock: it
 * is backordered (planned supply gives it a date) or out of stock (nothing does).
 */
@Service
public class BacklogReport {

	/** The first day of each aging bucket, in days since the order was placed. */
	private static final int[] AGE_FROM = { 0, 8, 15, 31 };

	private static final String WAITING = "l.allocated + l.shipped + l.cancelled < l.quantity";

	private final DatabaseClient db;

	BacklogReport(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * How much waits: lines, units (with and without a date), customers and value.
	 * @return the totals
	 */
	public Mono<Summary> summary() {
		Mono<Summary> totals = this.db.sql("""
				select count(*) as lines, count(distinct l.order_id) as orders,
					count(distinct lower(o.customer_email)) as customers,
					coalesce(sum(l.quantity - l.shipped - l.cancelled - l.allocated), 0) as units,
					coalesce(sum(l.quantity - l.shipped - l.cancelled - l.allocated - l.scheduled), 0) as unscheduled
				from order_line l join customer_order o on o.id = l.order_id
				where %s
				""".formatted(WAITING))
			.map((row) -> new Summary(number(row.get("lines", Long.class)), number(row.get("orders", Long.class)),
					number(row.get("customers", Long.class)), number(row.get("units", Long.class)),
					number(row.get("unscheduled", Long.class)), Map.of()))
			.one();
		Mono<Map<String, Long>> value = this.db.sql("""
				select l.currency,
					least(sum((l.quantity - l.shipped - l.cancelled - l.allocated)::numeric * l.unit_price_cents),
						9223372036854775807)::bigint as cents
				from order_line l
				where %s
				group by l.currency order by l.currency
				""".formatted(WAITING))
			.map((row) -> Map.entry(row.get("currency", String.class), number(row.get("cents", Long.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
		return Mono.zip(totals, value)
			.map((both) -> new Summary(both.getT1().lines(), both.getT1().orders(), both.getT1().customers(),
					both.getT1().units(), both.getT1().unscheduledUnits(), both.getT2()));
	}

	/**
	 * Waiting lines by how long ago their order was placed: 0–7, 8–14, 15–30 and more
	 * than 30 days.
	 * @param today the shop's today
	 * @param zone the shop's zone, which decides the day an order was placed on
	 * @return the four buckets, youngest first, empty ones included
	 */
	public Mono<List<AgeBucket>> aging(LocalDate today, ZoneId zone) {
		return this.db.sql("""
				select case when w.age <= 7 then 0 when w.age <= 14 then 1 when w.age <= 30 then 2 else 3 end as bucket,
					count(*) as lines, sum(w.units) as units
				from (
					select cast(:today as date) - (o.placed_at at time zone :zone)::date as age,
						l.quantity - l.shipped - l.cancelled - l.allocated as units
					from order_line l join customer_order o on o.id = l.order_id
					where %s
				) w
				group by 1
				""".formatted(WAITING))
			.bind("today", today)
			.bind("zone", zone.getId())
			.map((row) -> new long[] { row.get("bucket", Integer.class), number(row.get("lines", Long.class)),
					number(row.get("units", Long.class)) })
			.all()
			.collectList()
			.map(BacklogReport::buckets);
	}

	private static List<AgeBucket> buckets(List<long[]> rows) {
		List<AgeBucket> buckets = new ArrayList<>();
		for (int i = 0; i < AGE_FROM.length; i++) {
			long lines = 0;
			long units = 0;
			for (long[] row : rows) {
				if (row[0] == i) {
					lines = row[1];
					units = row[2];
				}
			}
			Integer to = (i + 1 < AGE_FROM.length) ? AGE_FROM[i + 1] - 1 : null;
			buckets.add(new AgeBucket(AGE_FROM[i], to, lines, units));
		}
		return buckets;
	}

	/**
	 * The SKUs with the most demand that no planned supply covers: waiting units without
	 * a date, and customers waiting to hear a product is back (each sign-up counted as
	 * one unit, shown apart), with how much of each was ordered lately, to size a
	 * purchase.
	 * @param demandSince the start of the period whose orders count as recent demand
	 * @param limit the most SKUs to return
	 * @return the SKUs, largest shortfall (units plus sign-ups) first
	 */
	public Mono<List<Shortfall>> shortfalls(Instant demandSince, int limit) {
		return this.db
			.sql("""
					with lines as (
						select l.sku, count(*) as lines, count(distinct l.order_id) as orders,
							sum(l.quantity - l.shipped - l.cancelled - l.allocated - l.scheduled) as units
						from order_line l
						where %s and l.allocated + l.scheduled + l.shipped + l.cancelled < l.quantity
						group by l.sku
					), waitlist as (
						select b.sku, count(*) as waiting from back_in_stock_request b where b.notified_at is null
						group by b.sku
					), short as (
						select coalesce(l.sku, w.sku) as sku, coalesce(l.lines, 0) as lines, coalesce(l.orders, 0) as orders,
							coalesce(l.units, 0) as units, coalesce(w.waiting, 0) as waiting
						from lines l full join waitlist w on w.sku = l.sku
						order by coalesce(l.units, 0) + coalesce(w.waiting, 0) desc, 1
						limit :limit
					)
					select s.sku, p.name, s.lines, s.orders, s.units, s.waiting,
						(select coalesce(sum(d.quantity), 0) from order_line d join customer_order o on o.id = d.order_id
							where d.sku = s.sku and o.placed_at >= :since) as recent
					from short s join product p on p.sku = s.sku
					order by s.units + s.waiting desc, s.sku
					"""
				.formatted(WAITING))
			.bind("limit", limit)
			.bind("since", demandSince)
			.map((row) -> new Shortfall(row.get("sku", String.class), row.get("name", String.class),
					number(row.get("lines", Long.class)), number(row.get("orders", Long.class)),
					number(row.get("units", Long.class)), number(row.get("recent", Long.class)),
					number(row.get("waiting", Long.class))))
			.all()
			.collectList();
	}

	/**
	 * Products whose back-in-stock waitlist has reached a size worth an alert.
	 * @param threshold the least sign-ups still waiting that make an alert
	 * @return the products, longest waitlist first
	 */
	public Mono<List<Waitlist>> waitlists(int threshold) {
		return this.db.sql("""
				select b.sku, p.name, count(*) as waiting
				from back_in_stock_request b join product p on p.sku = b.sku
				where b.notified_at is null
				group by b.sku, p.name having count(*) >= :threshold
				order by count(*) desc, b.sku
				""")
			.bind("threshold", threshold)
			.map((row) -> new Waitlist(row.get("sku", String.class), row.get("name", String.class),
					number(row.get("waiting", Long.class))))
			.all()
			.collectList();
	}

	/**
	 * Waiting lines whose delivery window moved later, or was lost, since a given time.
	 * @param since the start of the period
	 * @param limit the most lines to list
	 * @return how many lines slipped, and the latest of them
	 */
	public Mono<Slips> slips(Instant since, int limit) {
		String slipped = """
				l.eta_changed_at >= :since and l.previous_eta_latest is not null
					and l.shipped + l.cancelled < l.quantity
					and (l.eta_latest > l.previous_eta_latest or (l.eta_latest is null and %s))
				""".formatted(WAITING);
		Mono<Long> count = this.db.sql("select count(*) from order_line l where " + slipped)
			.bind("since", since)
			.map((row) -> number(row.get(0, Long.class)))
			.one();
		Mono<List<Slip>> latest = this.db.sql("""
				select o.number, l.id, l.sku, p.name, l.previous_eta_earliest, l.previous_eta_latest, l.eta_earliest,
					l.eta_latest, l.eta_changed_at
				from order_line l join customer_order o on o.id = l.order_id join product p on p.sku = l.sku
				where %s
				order by l.eta_changed_at desc, l.id desc
				limit :limit
				""".formatted(slipped))
			.bind("since", since)
			.bind("limit", limit)
			.map((row) -> new Slip(row.get("number", String.class), row.get("id", Long.class),
					row.get("sku", String.class), row.get("name", String.class),
					Replanner.window(row.get("previous_eta_earliest", LocalDate.class),
							row.get("previous_eta_latest", LocalDate.class)),
					Replanner.window(row.get("eta_earliest", LocalDate.class), row.get("eta_latest", LocalDate.class)),
					row.get("eta_changed_at", Instant.class)))
			.all()
			.collectList();
		return Mono.zip(count, latest).map((both) -> new Slips(both.getT1(), both.getT2()));
	}

	private static long number(@Nullable Number value) {
		return (value != null) ? value.longValue() : 0;
	}

	/**
	 * What waits in total.
	 *
	 * @param lines waiting lines
	 * @param orders orders with a waiting line
	 * @param customers customers (by e-mail address) with a waiting line
	 * @param units units waiting, with or without a date
	 * @param unscheduledUnits units waiting that no planned supply covers
	 * @param valueCents the price of the waiting units, in cents by currency
	 */
	public record Summary(long lines, long orders, long customers, long units, long unscheduledUnits,
			Map<String, Long> valueCents) {
	}

	/**
	 * Waiting lines of orders placed a number of days ago.
	 *
	 * @param fromDays the youngest age in the bucket, in days
	 * @param toDays the oldest, or {@code null} for "and older"
	 * @param lines waiting lines
	 * @param units units they wait for
	 */
	public record AgeBucket(int fromDays, @Nullable Integer toDays, long lines, long units) {
	}

	/**
	 * Demand for a SKU that no planned supply covers.
	 *
	 * @param sku the SKU
	 * @param name the product's name
	 * @param lines lines with such units
	 * @param orders orders with such lines
	 * @param units the shortfall: waiting units without a date
	 * @param recentlyOrdered units of the SKU ordered in the recent period, shipped or
	 * not
	 * @param waitlist customers waiting to hear the product is back, one unit each
	 */
	public record Shortfall(String sku, String name, long lines, long orders, long units, long recentlyOrdered,
			long waitlist) {
	}

	/**
	 * A product's back-in-stock waitlist.
	 *
	 * @param sku the SKU
	 * @param name the product's name
	 * @param waiting sign-ups not told yet
	 */
	public record Waitlist(String sku, String name, long waiting) {
	}

	/**
	 * Lines whose window slipped.
	 *
	 * @param count how many lines slipped in the period
	 * @param latest the most recent of them
	 */
	public record Slips(long count, List<Slip> latest) {
	}

	/**
	 * One line whose window moved later or was lost.
	 *
	 * @param orderNumber the shop's order number
	 * @param lineId the line
	 * @param sku the SKU
	 * @param productName the product's name
	 * @param before the window before the change
	 * @param after the window now, or {@code null} when there is no date any more
	 * @param changedAt when it changed
	 */
	public record Slip(String orderNumber, long lineId, String sku, String productName, @Nullable EtaWindow before,
			@Nullable EtaWindow after, Instant changedAt) {
	}

}
