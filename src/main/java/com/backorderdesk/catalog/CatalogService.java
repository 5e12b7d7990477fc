package com.backorderdesk.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes the catalogue. Every product gets a stock row (zero on hand) when it
 * is first stored, so stock can always be locked by SKU.
 */
@Service
public class CatalogService {

	private static final TypeReference<TreeMap<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final JsonMapper json;

	CatalogService(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Creates or replaces a product.
	 * @param product the product
	 * @return {@code true} when the product was created, {@code false} when replaced
	 */
	@Transactional
	public Mono<Boolean> upsert(Product product) {
		Json attributes = Json.of(this.json.writeValueAsString(new TreeMap<>(product.attributes())));
		return this.db.sql("""
				insert into product (sku, name, category, attributes, price_cents, currency)
				values (:sku, :name, :category, :attributes, :price, :currency)
				on conflict (sku) do update set name = excluded.name, category = excluded.category,
					attributes = excluded.attributes, price_cents = excluded.price_cents,
					currency = excluded.currency, version = product.version + 1, updated_at = now()
				returning (xmax = 0) as created
				""")
			.bind("sku", product.sku())
			.bind("name", product.name())
			.bind("category", product.category())
			.bind("attributes", attributes)
			.bind("price", product.priceCents())
			.bind("currency", product.currency())
			.map((row) -> Boolean.TRUE.equals(row.get("created", Boolean.class)))
			.one()
			.flatMap((created) -> this.db
				.sql("insert into stock (sku, on_hand) values (:sku, 0) on conflict (sku) do nothing")
				.bind("sku", product.sku())
				.then()
				.thenReturn(created));
	}

	public Mono<Product> find(String sku) {
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
				.bind("skus", Set.copyOf(skus).toArray(String[]::new))
				.map(this::product)
				.all())
			.collectMap(Product::sku, (product) -> product, LinkedHashMap::new);
	}

	private Product product(Readable row) {
		return new Product(row.get("sku", String.class), row.get("name", String.class),
				row.get("category", String.class), attributes(row.get("attributes", Json.class)),
				row.get("price_cents", Long.class), row.get("currency", String.class));
	}

	private Map<String, String> attributes(Json value) {
		return this.json.readValue(value.asString(), ATTRIBUTES);
	}

}
