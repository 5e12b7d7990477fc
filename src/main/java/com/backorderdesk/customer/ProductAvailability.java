package com.backorderdesk.customer;

import java.util.List;
import java.util.Locale;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.Quote;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What a new order of one unit of a product would get, as
 * {@link com.backorderdesk.orders.Availability} quotes it from the allocation engine: the
 * same answer the storefront's availability, the widget and the product feed give, and
 * the one placing the order applies.
 */
@Component
class ProductAvailability {

	/** Products on a page of the list. */
	static final int PAGE_SIZE = 24;

	/** The most characters of a search that count. */
	static final int MAX_QUERY = 100;

	private final DatabaseClient db;

	private final com.backorderdesk.orders.Availability availability;

	private final LineWording dates;

	ProductAvailability(DatabaseClient db, com.backorderdesk.orders.Availability availability, LineWording dates) {
		this.db = db;
		this.availability = availability;
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
				return this.db.sql("""
						select sku, name, category, price_cents, currency from product
						where name ilike :pattern or sku ilike :pattern
						order by name, sku limit :limit offset :offset
						""")
					.bind("pattern", pattern)
					.bind("limit", PAGE_SIZE)
					.bind("offset", (long) (shown - 1) * PAGE_SIZE)
					.map(ProductAvailability::row)
					.all()
					.collectList()
					.flatMap((rows) -> quoted(rows, locale))
					.map((products) -> new Found(products, total, shown, pages, PAGE_SIZE));
			});
	}

	/**
	 * One product with its availability.
	 * @param sku the SKU; one no product could have finds none
	 * @param locale the reader's language, for prices and dates
	 * @return the product, or empty
	 */
	Mono<Available> find(String sku, Locale locale) {
		if (!InputRules.isIdentifier(sku)) {
			return Mono.empty();
		}
		return this.db.sql("select sku, name, category, price_cents, currency from product where sku = :sku")
			.bind("sku", sku)
			.map(ProductAvailability::row)
			.all()
			.collectList()
			.flatMap((rows) -> quoted(rows, locale))
			.flatMap((found) -> found.isEmpty() ? Mono.empty() : Mono.just(found.get(0)));
	}

	private static Row row(Readable row) {
		return new Row(row.get("sku", String.class), row.get("name", String.class), row.get("category", String.class),
				row.get("price_cents", Long.class), row.get("currency", String.class));
	}

	private Mono<List<Available>> quoted(List<Row> rows, Locale locale) {
		if (rows.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.availability.quote(rows.stream().map(Row::sku).toList(), 1)
			.map((quotes) -> rows.stream().filter((row) -> quotes.containsKey(row.sku())).map((row) -> {
				Quote quote = quotes.get(row.sku());
				Availability availability = switch (quote.status()) {
					case IN_STOCK -> Availability.IN_STOCK;
					case BACKORDER -> Availability.BACKORDER;
					case NO_DATE -> Availability.OUT_OF_STOCK;
					case NOT_ORDERABLE -> Availability.SOLD_OUT;
				};
				String window = (quote.eta() != null) ? this.dates.window(quote.eta(), locale) : null;
				return new Available(row.sku(), row.name(), row.category(),
						this.dates.money(row.priceCents(), row.currency(), locale), availability, window);
			}).toList());
	}

	private record Row(String sku, String name, String category, long priceCents, String currency) {
	}

	/**
	 * What a new order gets.
	 */
	enum Availability {

		IN_STOCK, BACKORDER, OUT_OF_STOCK,

		/** The product's backorder cap is reached: no more can be ordered now. */
		SOLD_OUT

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
	 * A product and what a new order of one unit would get.
	 *
	 * @param sku the SKU
	 * @param name the name
	 * @param category the category
	 * @param price the price, as the reader writes money
	 * @param availability in stock, on backorder, out of stock or sold out
	 * @param shipsBy for a backorder, the delivery window the order would get, as the
	 * customer reads it
	 */
	record Available(String sku, String name, String category, String price, Availability availability,
			@Nullable String shipsBy) {

		public String kind() {
			return switch (this.availability) {
				case IN_STOCK -> "ready";
				case BACKORDER -> "waiting";
				case OUT_OF_STOCK, SOLD_OUT -> "none";
			};
		}

	}

}
