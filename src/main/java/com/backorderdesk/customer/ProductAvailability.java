package com.backorderdesk.customer;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.orders.Quote;
import com.backorderdesk.orders.LineWording;
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

	private static final int PAGE_SIZE = 60;

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
	 * Finds products by name or SKU.
	 * @param query what the customer typed; blank lists the first products by name. Only
	 * its first {@value #MAX_QUERY} characters count, and control characters, which no
	 * name holds, are left out
	 * @return matching products with their availability, by name
	 */
	Mono<List<Available>> search(String query) {
		String text = query.strip()
			.codePoints()
			.filter((c) -> !Character.isISOControl(c))
			.limit(MAX_QUERY)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return this.db.sql("""
				select sku, name, category, price_cents, currency from product
				where name ilike :pattern or sku ilike :pattern
				order by name, sku limit :limit
				""")
			.bind("pattern", pattern)
			.bind("limit", PAGE_SIZE)
			.map(ProductAvailability::row)
			.all()
			.collectList()
			.flatMap(this::quoted);
	}

	Mono<Available> find(String sku) {
		if (!InputRules.isIdentifier(sku)) {
			return Mono.empty();
		}
		return this.db.sql("select sku, name, category, price_cents, currency from product where sku = :sku")
			.bind("sku", sku)
			.map(ProductAvailability::row)
			.all()
			.collectList()
			.flatMap(this::quoted)
			.flatMap((found) -> found.isEmpty() ? Mono.empty() : Mono.just(found.get(0)));
	}

	private static Row row(Readable row) {
		return new Row(row.get("sku", String.class), row.get("name", String.class), row.get("category", String.class),
				row.get("price_cents", Long.class), row.get("currency", String.class));
	}

	private Mono<List<Available>> quoted(List<Row> rows) {
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
				String window = (quote.eta() != null) ? this.dates.window(quote.eta(), Locale.ENGLISH) : null;
				return new Available(row.sku(), row.name(), row.category(), row.priceCents(), row.currency(),
						availability, window);
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
	 * A product and what a new order for it would get.
	 *
	 * @param sku the SKU
	 * @param name the name
	 * @param category the category
	 * @param priceCents the price in minor units
	 * @param currency ISO 4217 code
	 * @param availability in stock, on backorder, out of stock or sold out
	 * @param shipsBy for a backorder, the delivery window the order would get, as the
	 * customer reads it
	 */
	record Available(String sku, String name, String category, long priceCents, String currency,
			Availability availability, @Nullable String shipsBy) {

		public String price() {
			NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
			Currency unit = Currency.getInstance(this.currency);
			format.setCurrency(unit);
			format.setMinimumFractionDigits(unit.getDefaultFractionDigits());
			return format.format(BigDecimal.valueOf(this.priceCents, unit.getDefaultFractionDigits()));
		}

		public String kind() {
			return switch (this.availability) {
				case IN_STOCK -> "ready";
				case BACKORDER -> "waiting";
				case OUT_OF_STOCK, SOLD_OUT -> "none";
			};
		}

	}

}
