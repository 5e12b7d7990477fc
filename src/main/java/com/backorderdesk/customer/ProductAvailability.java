package com.backorderdesk.customer;

import java.time.LocalDate;
import java.util.Locale;
import java.util.List;
import java.util.function.UnaryOperator;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.orders.EtaSettings;
import com.backorderdesk.orders.LineWording;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What a new order for a product would get, read without locking anything.
 *
 * <p>
 * The rule, kept simple and never more optimistic than the ETA engine: a new order queues
 * behind every open line of the SKU. It is <b>in stock</b> when units on hand exceed all
 * open demand (held and waiting). Otherwise open restocks are counted in the order the
 * engine counts on them (expected date, today when overdue, plus the supplier's lateness
 * allowance), the first one after which supply exceeds demand makes it <b>available on
 * backorder</b>, shipping by that date plus handling days. When no restock gets there, it
 * is <b>out of stock</b>, with no date.
 */
@Component
class ProductAvailability {

	/** Products on a page of the list. */
	static final int PAGE_SIZE = 24;

	/** The most characters of a search that count. */
	static final int MAX_QUERY = 100;

	/** Follows a {@code with chosen as (select sku ...),} naming the products to read. */
	private static final String SELECT = """
			demand as (
				select l.sku, sum(l.quantity - l.shipped - l.cancelled) as open_units
				from order_line l
				where l.shipped + l.cancelled < l.quantity and l.sku in (select sku from chosen)
				group by l.sku
			), counted as (
				select r.id, r.sku, r.expected_on, r.quantity - r.quantity_received as open_units,
					greatest(r.expected_on, :today) + coalesce(la.days, :defaultLateness) as counted_on
				from restock r left join lateness_allowance la on la.supplier_id = r.supplier_id
				where r.sku in (select sku from chosen) and r.status not in ('RECEIVED', 'CANCELLED')
					and r.quantity > r.quantity_received
			), supply as (
				select c.sku, c.counted_on, c.expected_on, c.id,
					sum(c.open_units) over (partition by c.sku order by c.counted_on, c.expected_on, c.id) as cumulative
				from counted c
			)
			select p.sku, p.name, p.category, p.price_cents, p.currency,
				s.on_hand > coalesce(d.open_units, 0) as in_stock,
				(select u.counted_on + :handlingDays from supply u
					where u.sku = p.sku and s.on_hand + u.cumulative > coalesce(d.open_units, 0)
					order by u.counted_on, u.expected_on, u.id limit 1) as ships_by
			from chosen c join product p on p.sku = c.sku join stock s on s.sku = p.sku
			left join demand d on d.sku = p.sku
			order by p.name, p.sku
			""";

	private final DatabaseClient db;

	private final EtaSettings eta;

	private final LineWording dates;

	ProductAvailability(DatabaseClient db, EtaSettings eta, LineWording dates) {
		this.db = db;
		this.eta = eta;
		this.dates = dates;
	}

	/**
	 * Finds products by name or SKU, a page at a time.
	 * @param query what the customer typed; blank lists all products by name. Only its
	 * first {@value #MAX_QUERY} characters count, and control characters, which no name
	 * holds, are left out
	 * @param page the page asked for, from 1; a page past the last shows the last
	 * @param locale the reader's language, for prices and dates
	 * @return the page of matching products with their availability, by name, and how
	 * many match in all
	 */
	Mono<Found> search(String query, int page, Locale locale) {
		String text = query.strip()
			.codePoints()
			.filter((c) -> !Character.isISOControl(c))
			.limit(MAX_QUERY)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return this.db.sql("select count(*) from product where name ilike :pattern or sku ilike :pattern")
			.bind("pattern", pattern)
			.map((row) -> row.get(0, Long.class))
			.one()
			.flatMap((total) -> {
				int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
				int shown = Math.min(Math.max(1, page), pages);
				return read("""
						with chosen as (
							select sku from product where name ilike :pattern or sku ilike :pattern
							order by name, sku limit :limit offset :offset
						),
						""",
						(spec) -> spec.bind("pattern", pattern)
							.bind("limit", PAGE_SIZE)
							.bind("offset", (long) (shown - 1) * PAGE_SIZE),
						locale)
					.collectList()
					.map((products) -> new Found(products, total, shown, pages, PAGE_SIZE));
			});
	}

	Mono<Available> find(String sku, Locale locale) {
		if (!InputRules.isIdentifier(sku)) {
			return Mono.empty();
		}
		return read("with chosen as (select :sku::text as sku),", (spec) -> spec.bind("sku", sku), locale).next();
	}

	private Flux<Available> read(String chosen, UnaryOperator<DatabaseClient.GenericExecuteSpec> bindChosen,
			Locale locale) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(chosen + SELECT)
			.bind("today", this.dates.today())
			.bind("defaultLateness", this.eta.defaultLatenessDays())
			.bind("handlingDays", this.eta.handlingDays());
		return bindChosen.apply(spec).map((row) -> available(row, locale)).all();
	}

	private Available available(Readable row, Locale locale) {
		LocalDate shipsBy = row.get("ships_by", LocalDate.class);
		boolean inStock = Boolean.TRUE.equals(row.get("in_stock", Boolean.class));
		Availability availability = inStock ? Availability.IN_STOCK
				: (shipsBy != null) ? Availability.BACKORDER : Availability.OUT_OF_STOCK;
		return new Available(row.get("sku", String.class), row.get("name", String.class),
				row.get("category", String.class),
				this.dates.money(row.get("price_cents", Long.class), row.get("currency", String.class), locale),
				availability,
				(availability == Availability.BACKORDER && shipsBy != null) ? this.dates.date(shipsBy, locale) : null);
	}

	/**
	 * What a new order gets.
	 */
	enum Availability {

		IN_STOCK, BACKORDER, OUT_OF_STOCK

	}

	/**
	 * A page of products found.
	 *
	 * @param products the products on this page, by name
	 * @param total how many products match in all
	 * @param page this page, from 1
	 * @param pages how many pages there are, at least 1
	 * @param pageSize products on a full page
	 */
	record Found(List<Available> products, long total, int page, int pages, int pageSize) {

		/** The position of the first product shown, from 1; 0 when none is. */
		public long first() {
			return this.products.isEmpty() ? 0 : (long) (this.page - 1) * this.pageSize + 1;
		}

		/** The position of the last product shown. */
		public long last() {
			return (long) (this.page - 1) * this.pageSize + this.products.size();
		}

		/**
		 * The pages to offer a link to: the first, the last, and two either side of this
		 * one; a gap between two is shown as an ellipsis ({@code 0}).
		 */
		public List<Integer> links() {
			List<Integer> links = new java.util.ArrayList<>();
			int previous = 0;
			for (int n = 1; n <= this.pages; n++) {
				if (n == 1 || n == this.pages || Math.abs(n - this.page) <= 2) {
					if (previous > 0 && n - previous > 1) {
						links.add(0);
					}
					links.add(n);
					previous = n;
				}
			}
			return links;
		}

	}

	/**
	 * A product and what a new order for it would get.
	 *
	 * @param sku the SKU
	 * @param name the name
	 * @param category the category
	 * @param price the price, as the reader writes money
	 * @param availability in stock, on backorder, or out of stock
	 * @param shipsBy for a backorder, the day the order would ship by, as the customer
	 * reads it
	 */
	record Available(String sku, String name, String category, String price, Availability availability,
			@Nullable String shipsBy) {

		public String kind() {
			return switch (this.availability) {
				case IN_STOCK -> "ready";
				case BACKORDER -> "waiting";
				case OUT_OF_STOCK -> "none";
			};
		}

	}

}
