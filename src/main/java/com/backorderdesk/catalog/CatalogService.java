package com.backorderdesk.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.inventory.InventoryService;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes the catalogue. Every product gets a stock row (zero on hand, kept by
 * the inventory) when it is first stored, so stock can always be locked by SKU.
 */
@Service
public class CatalogService {

	private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private final DatabaseClient db;

	private final InventoryService inventory;

	private final JsonMapper json;

	CatalogService(DatabaseClient db, InventoryService inventory, JsonMapper json) {
		this.db = db;
		this.inventory = inventory;
		this.json = json;
	}

	/**
	 * Creates or replaces a product, and starts keeping stock for a new one.
	 * @param product the product: SKU of 1 to 64 letters, digits, '.', '_' or '-'; name
	 * of 1 to 200 characters, category of 1 to 100; at most 50 attributes, names of 1 to
	 * 100 characters, values of at most 500; price from 0 to {@link InputRules#MAX_CENTS}
	 * cents; an ISO 4217 currency code
	 * @return {@code true} when the product was created, {@code false} when replaced; an
	 * {@link InvalidValueException} naming the field when a value is out of bounds, and
	 * then nothing was stored
	 */
	@Transactional
	public Mono<Boolean> upsert(Product product) {
		return Mono.fromCallable(() -> checked(product)).flatMap(this::store);
	}

	private static Product checked(Product product) {
		InputRules.identifier("sku", product.sku());
		Map<String, String> attributes = new TreeMap<>();
		if (product.attributes().size() > InputRules.MAX_ATTRIBUTES) {
			throw new InvalidValueException("attributes", "Give at most " + InputRules.MAX_ATTRIBUTES + " attributes.");
		}
		product.attributes()
			.forEach((name, value) -> attributes.put(InputRules.text("attributes", name, 1, 100),
					InputRules.text("attributes." + name, value, 0, 500)));
		if (!CURRENCY.matcher(product.currency()).matches()) {
			throw new InvalidValueException("currency", "Use an ISO 4217 code such as EUR.");
		}
		return new Product(product.sku(), InputRules.text("name", product.name(), 1, 200),
				InputRules.text("category", product.category(), 1, 100), attributes,
				InputRules.cents("priceCents", product.priceCents()), product.currency(), product.backorders());
	}

	private Mono<Boolean> store(Product product) {
		Json attributes = Json.of(this.json.writeValueAsString(new TreeMap<>(product.attributes())));
		return this.db
			.sql("""
					insert into product (sku, name, category, attributes, price_cents, currency, backorders, backorder_limit)
					values (:sku, :name, :category, :attributes, :price, :currency, :backorders, :backorderLimit)
					on conflict (sku) do update set name = excluded.name, category = excluded.category,
						attributes = excluded.attributes, price_cents = excluded.price_cents,
						currency = excluded.currency, backorders = excluded.backorders,
						backorder_limit = excluded.backorder_limit, version = product.version + 1, updated_at = now()
					returning (xmax = 0) as created
					""")
			.bind("sku", product.sku())
			.bind("name", product.name())
			.bind("category", product.category())
			.bind("attributes", attributes)
			.bind("price", product.priceCents())
			.bind("currency", product.currency())
			.bind("backorders", product.backorders().policy().name())
			.bind("backorderLimit", Parameter.fromOrEmpty(product.backorders().limit(), Integer.class))
			.map((row) -> Boolean.TRUE.equals(row.get("created", Boolean.class)))
			.one()
			.flatMap((created) -> this.inventory.track(product.sku()).thenReturn(created));
	}

	/**
	 * Reads a product.
	 * @param sku the SKU as given: one no product could have finds none
	 * @return the product, or empty when there is none
	 */
	public Mono<Product> find(String sku) {
		if (!InputRules.isIdentifier(sku)) {
			return Mono.empty();
		}
		return this.db.sql("select * from product where sku = :sku").bind("sku", sku).map(this::product).one();
	}

	/**
	 * Looks up many products at once.
	 * @param skus the SKUs
	 * @return the products found, by SKU; unknown SKUs are absent
	 */
	public Mono<Map<String, Product>> findAll(Collection<String> skus) {
		return Flux
			.defer(() -> this.db.sql("select * from product where sku = any(:skus)")
				.bind("skus", skus.stream().filter(InputRules::isIdentifier).distinct().toArray(String[]::new))
				.map(this::product)
				.all())
			.collectMap(Product::sku, (product) -> product, LinkedHashMap::new);
	}

	/**
	 * Lists products by SKU, a page at a time.
	 * @param afterSku the last SKU of the previous page, or {@code null} for the first
	 * @param limit the most products to return
	 * @param skus only these SKUs, or all when empty
	 * @param category only this category, or {@code null}
	 * @param updatedSince only products changed at or after this moment, or {@code null}
	 * @return the products with when each last changed, by SKU
	 */
	public Mono<List<ListedProduct>> list(@Nullable String afterSku, int limit, Collection<String> skus,
			@Nullable String category, @Nullable Instant updatedSince) {
		return this.db.sql("""
				select * from product
				where sku > coalesce(cast(:after as text), '') and (cardinality(:skus) = 0 or sku = any(:skus))
					and (cast(:category as text) is null or category = :category)
					and updated_at >= coalesce(cast(:since as timestamptz), '-infinity')
				order by sku limit :limit
				""")
			.bind("after", Parameter.fromOrEmpty(afterSku, String.class))
			.bind("skus", skus.toArray(String[]::new))
			.bind("category", Parameter.fromOrEmpty(category, String.class))
			.bind("since", Parameter.fromOrEmpty(updatedSince, Instant.class))
			.bind("limit", limit)
			.map((row) -> new ListedProduct(product(row), row.get("updated_at", Instant.class)))
			.all()
			.collectList();
	}

	/**
	 * Reads a product with when it last changed.
	 * @param sku the SKU
	 * @return the product, or empty when there is none
	 */
	public Mono<ListedProduct> findListed(String sku) {
		if (!InputRules.isIdentifier(sku)) {
			return Mono.empty();
		}
		return this.db.sql("select * from product where sku = :sku")
			.bind("sku", sku)
			.map((row) -> new ListedProduct(product(row), row.get("updated_at", Instant.class)))
			.one();
	}

	private Product product(Readable row) {
		return new Product(row.get("sku", String.class), row.get("name", String.class),
				row.get("category", String.class), attributes(row.get("attributes", Json.class)),
				row.get("price_cents", Long.class), row.get("currency", String.class),
				new BackorderCap(BackorderCap.Policy.valueOf(row.get("backorders", String.class)),
						row.get("backorder_limit", Integer.class)));
	}

	private Map<String, String> attributes(Json value) {
		return this.json.readValue(value.asString(), ATTRIBUTES);
	}

}
