package com.backorderdesk.promise;

import java.time.LocalDate;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.EtaSettings;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * How often first promises held, from the ledger: by supplier (of the restock that
 * decided the first window), by product category, and by the month the promise fell due.
 * A promise counts once it is settled: delivered (or ready, or shipped) in time for its
 * first latest date, or no longer able to make it; the rule is {@link PromiseOutcome}'s,
 * in SQL. Lines cancelled before their units were ready are left out. Each figure is one
 * query.
 */
@Service
public class PromiseReport {

	/** Settled promises with their outcome: {@code by_date}, {@code kept}. */
	private static final String SETTLED = """
			with outcome as (
				select p.line_id, p.sku, p.restock_id, p.first_latest,
					coalesce(p.shipped_on + :shipping, p.ready_on + :transit) as delivered_by
				from promise p join order_line l on l.id = p.line_id
				where not (l.cancelled > 0 and p.ready_on is null and p.shipped_on is null)
			), settled as (
				select o.line_id, o.sku, o.restock_id, o.first_latest,
					coalesce(o.delivered_by, cast(:today as date) + :transit) as by_date,
					coalesce(o.delivered_by <= o.first_latest, false) as kept
				from outcome o
				where o.delivered_by is not null or cast(:today as date) + :transit > o.first_latest
			)
			""";

	private static final String FIGURES = """
			count(*) as promises, count(*) filter (where s.kept) as kept,
			coalesce(avg(greatest(s.by_date - s.first_latest, 0)), 0)::float8 as slip
			""";

	private final DatabaseClient db;

	private final EtaSettings eta;

	PromiseReport(DatabaseClient db, EtaSettings eta) {
		this.db = db;
		this.eta = eta;
	}

	/**
	 * First promises by the supplier of the restock that decided them.
	 * @param today the shop's today
	 * @return one row per supplier, worst on-time share first
	 */
	public Mono<List<Figures>> bySupplier(LocalDate today) {
		return rows("""
				select coalesce(sp.name, '') as label, %s
				from settled s left join restock r on r.id = s.restock_id left join supplier sp on sp.id = r.supplier_id
				group by 1 order by count(*) filter (where s.kept)::float8 / count(*), 1
				""", today);
	}

	/**
	 * First promises by the product's category.
	 * @param today the shop's today
	 * @return one row per category, worst on-time share first
	 */
	public Mono<List<Figures>> byCategory(LocalDate today) {
		return rows("""
				select p.category as label, %s
				from settled s join product p on p.sku = s.sku
				group by 1 order by count(*) filter (where s.kept)::float8 / count(*), 1
				""", today);
	}

	/**
	 * First promises by the month their latest date fell in ({@code 2026-03}).
	 * @param today the shop's today
	 * @return one row per month, oldest first
	 */
	public Mono<List<Figures>> byMonth(LocalDate today) {
		return rows("""
				select to_char(s.first_latest, 'YYYY-MM') as label, %s
				from settled s
				group by 1 order by 1
				""", today);
	}

	/**
	 * The SKUs whose first promises held least often.
	 * @param today the shop's today
	 * @param limit the most SKUs
	 * @return one row per SKU with at least one late promise, worst first
	 */
	public Mono<List<Figures>> worstSkus(LocalDate today, int limit) {
		return this.db.sql(SETTLED + """
				select s.sku as label, %s
				from settled s
				group by 1 having count(*) filter (where not s.kept) > 0
				order by count(*) filter (where s.kept)::float8 / count(*), count(*) desc, 1
				limit :limit
				""".formatted(FIGURES))
			.bind("today", today)
			.bind("shipping", this.eta.shippingDays())
			.bind("transit", this.eta.handlingDays() + this.eta.shippingDays())
			.bind("limit", limit)
			.map(PromiseReport::figures)
			.all()
			.collectList();
	}

	private Mono<List<Figures>> rows(String select, LocalDate today) {
		return this.db.sql(SETTLED + select.formatted(FIGURES))
			.bind("today", today)
			.bind("shipping", this.eta.shippingDays())
			.bind("transit", this.eta.handlingDays() + this.eta.shippingDays())
			.map(PromiseReport::figures)
			.all()
			.collectList();
	}

	private static Figures figures(Readable row) {
		return new Figures(row.get("label", String.class), row.get("promises", Long.class), row.get("kept", Long.class),
				row.get("slip", Double.class));
	}

	/**
	 * How one group's first promises went.
	 *
	 * @param label the supplier, category, month or SKU
	 * @param promises settled first promises
	 * @param kept of those, kept
	 * @param meanSlipDays days late on average, a kept promise counting as 0
	 */
	public record Figures(String label, long promises, long kept, double meanSlipDays) {

		/**
		 * The share kept.
		 * @return between 0 and 1
		 */
		public double keptShare() {
			return (this.promises > 0) ? (double) this.kept / this.promises : 0;
		}

	}

}
