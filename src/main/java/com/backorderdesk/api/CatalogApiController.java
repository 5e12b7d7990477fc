package com.backorderdesk.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.api.ApiRequests.ProductBody;
import com.backorderdesk.api.ApiRequests.StockBody;
import com.backorderdesk.api.ApiResources.ProductResource;
import com.backorderdesk.api.ApiResources.StockResource;
import com.backorderdesk.catalog.BackorderCap;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products and stock levels: pushed by the storefront or ERP, and read back.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Catalogue and stock", description = "Products with their backorder caps, and units on hand")
class CatalogApiController {

	private final CatalogService catalog;

	private final InventoryService inventory;

	private final SupplyChanges supply;

	private final ApiActor actor;

	CatalogApiController(CatalogService catalog, InventoryService inventory, SupplyChanges supply, ApiActor actor) {
		this.catalog = catalog;
		this.inventory = inventory;
		this.supply = supply;
		this.actor = actor;
	}

	@GetMapping("/products")
	@Operation(summary = "List products",
			description = "Products by SKU, a page at a time. Filter by SKUs (repeat `sku`, at most 200), by "
					+ "category, or by `updatedSince` (ISO 8601 instant, inclusive) to read what changed since a "
					+ "previous read; filters combine.")
	@ApiResponse(responseCode = "200", description = "A page of products",
			content = @Content(schema = @Schema(implementation = ProductPage.class),
					examples = @ExampleObject(name = "page", value = ApiExamples.PRODUCTS)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	Mono<ApiPage<ProductResource>> products(
			@Parameter(description = "`nextCursor` of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Rows a page, 1 to 200 (50)") @RequestParam(
					required = false) @Nullable Integer limit,
			@Parameter(description = "Only these SKUs (repeat the parameter, at most 200)",
					example = "LAMP-1") @RequestParam(required = false) @Nullable List<String> sku,
			@Parameter(description = "Only this category") @RequestParam(required = false) @Nullable String category,
			@Parameter(description = "Only products changed at or after this instant") @RequestParam(
					required = false) @Nullable Instant updatedSince) {
		int size = Cursor.limit(limit);
		List<String> skus = (sku != null) ? sku : List.of();
		if (skus.size() > ApiPage.MAX_LIMIT) {
			return Mono.error(new com.backorderdesk.InvalidValueException("sku", "Give at most 200 SKUs"));
		}
		return this.catalog
			.list(Cursor.key(cursor), size + 1, skus, category, InputRules.since("updatedSince", updatedSince))
			.map((rows) -> ApiPage.of(rows, size, (row) -> Cursor.of(row.product().sku()), ProductResource::of));
	}

	@GetMapping("/products/{sku}")
	@Operation(summary = "Read a product")
	@ApiResponse(responseCode = "200", description = "The product",
			content = @Content(schema = @Schema(implementation = ProductResource.class),
					examples = @ExampleObject(name = "product", value = ApiExamples.PRODUCT)))
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Mono<ProductResource> product(@PathVariable String sku) {
		return this.catalog.findListed(sku)
			.map(ProductResource::of)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No product with SKU '" + sku + "'")));
	}

	@PutMapping("/products/{sku}")
	@Operation(summary = "Create or replace a product",
			description = "201 when the SKU is new, 200 when it replaced the product. `backorders` caps what may be "
					+ "ordered beyond stock: ALLOW (the default), LIMITED (planned supply plus `backorderLimit` units "
					+ "without a date over all open orders) or NEVER (stock only). A new order beyond the cap is "
					+ "refused (422 naming the line) or, per `backorder.orders.beyond-cap`, placed with those units "
					+ "cancelled as not orderable. Audited with the key's name.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(examples = @ExampleObject(name = "product", value = ApiExamples.PRODUCT_BODY)))
	@ApiResponse(responseCode = "200", description = "The product as stored, replaced",
			content = @Content(schema = @Schema(implementation = ProductResource.class),
					examples = @ExampleObject(name = "product", value = ApiExamples.PRODUCT)))
	@ApiResponse(responseCode = "201", description = "The product as stored, created",
			content = @Content(schema = @Schema(implementation = ProductResource.class),
					examples = @ExampleObject(name = "product", value = ApiExamples.PRODUCT)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	Mono<ResponseEntity<ProductResource>> putProduct(@PathVariable String sku, @Valid @RequestBody ProductBody body) {
		Product product = new Product(sku, Objects.requireNonNull(body.name()), Objects.requireNonNull(body.category()),
				Objects.requireNonNullElse(body.attributes(), Map.of()), Objects.requireNonNull(body.priceCents()),
				Objects.requireNonNull(body.currency()),
				new BackorderCap(Objects.requireNonNullElse(body.backorders(), BackorderCap.Policy.ALLOW),
						body.backorderLimit()));
		// the answer shows the product as stored: the service strips what it is given
		return this.actor
			.change("PRODUCT_SAVED",
					(name) -> this.catalog.findListed(sku)
						.map((stored) -> new Previous(ProductResource.of(stored)))
						.defaultIfEmpty(Previous.NONE)
						.flatMap((before) -> this.catalog.upsert(product)
							.flatMap((created) -> this.catalog.findListed(sku)
								.map((stored) -> new Saved(before.product(), ProductResource.of(stored), created)))),
					(saved) -> new ApiActor.Entry("product " + sku, saved.before(), saved.after()))
			.map((saved) -> ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(saved.after()));
	}

	@GetMapping("/stock")
	@Operation(summary = "List stock levels",
			description = "Each SKU's units on hand, those open orders hold, those free and those open restocks "
					+ "still bring, by SKU, a page at a time. `updatedSince` looks at the units on hand.")
	@ApiResponse(responseCode = "200", description = "A page of stock levels",
			content = @Content(schema = @Schema(implementation = StockPage.class),
					examples = @ExampleObject(name = "page", value = ApiExamples.STOCKS)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	Mono<ApiPage<StockResource>> stock(
			@Parameter(description = "`nextCursor` of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Rows a page, 1 to 200 (50)") @RequestParam(
					required = false) @Nullable Integer limit,
			@Parameter(description = "Only these SKUs (repeat the parameter)") @RequestParam(
					required = false) @Nullable List<String> sku,
			@Parameter(description = "Only SKUs whose units on hand changed at or after this instant") @RequestParam(
					required = false) @Nullable Instant updatedSince) {
		int size = Cursor.limit(limit);
		List<String> skus = (sku != null) ? sku : List.of();
		if (skus.size() > ApiPage.MAX_LIMIT) {
			return Mono.error(new com.backorderdesk.InvalidValueException("sku", "Give at most 200 SKUs"));
		}
		return this.inventory.stock(Cursor.key(cursor), size + 1, skus, InputRules.since("updatedSince", updatedSince))
			.map((rows) -> ApiPage.of(rows, size, (row) -> Cursor.of(row.sku()), StockResource::of));
	}

	@GetMapping("/stock/{sku}")
	@Operation(summary = "Read a SKU's stock")
	@ApiResponse(responseCode = "200", description = "The stock level",
			content = @Content(schema = @Schema(implementation = StockResource.class),
					examples = @ExampleObject(name = "stock", value = ApiExamples.STOCK)))
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Mono<StockResource> stockOf(@PathVariable String sku) {
		return this.inventory.stock(null, 1, List.of(sku), null)
			.flatMap((rows) -> rows.isEmpty() ? Mono.empty() : Mono.just(StockResource.of(rows.get(0))))
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No product with SKU '" + sku + "'")));
	}

	@PutMapping("/stock/{sku}")
	@Operation(summary = "Set the units on hand",
			description = "Units in the warehouse not yet shipped, 0 to 1,000,000,000. The SKU is planned again "
					+ "at once: waiting orders take what came free, in queue order. Audited with the key's name.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(examples = @ExampleObject(name = "stock", value = ApiExamples.STOCK_BODY)))
	@ApiResponse(responseCode = "200", description = "The units on hand, and how many orders it changed",
			content = @Content(schema = @Schema(implementation = StockSet.class),
					examples = @ExampleObject(name = "set", value = ApiExamples.STOCK_SET)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
	Mono<StockSet> putStock(@PathVariable String sku, @Valid @RequestBody StockBody body) {
		int onHand = Objects.requireNonNull(body.onHand());
		return this.actor.change("STOCK_SET",
				(name) -> this.supply.setOnHand(sku, onHand, name)
					.map((affected) -> new StockSet(sku, onHand, affected)),
				(set) -> new ApiActor.Entry("stock " + sku, null, Map.of("onHand", onHand)));
	}

	/**
	 * Units on hand set.
	 *
	 * @param sku the SKU
	 * @param onHand the units on hand now
	 * @param ordersAffected orders whose lines the change moved
	 */
	record StockSet(String sku, int onHand, int ordersAffected) {
	}

	/** A page of products, named for the description. */
	@Schema(name = "ProductPage")
	record ProductPage(List<ProductResource> items, @Schema(types = {
			"string", "null" }) @Nullable String nextCursor){
	}

	/** A page of stock levels, named for the description. */
	@Schema(name = "StockPage")
	record StockPage(List<StockResource> items, @Schema(types = {
			"string", "null" }) @Nullable String nextCursor){
	}

	private record Previous(@Nullable ProductResource product) {

		static final Previous NONE = new Previous(null);

	}

	private record Saved(@Nullable ProductResource before, ProductResource after, boolean created) {
	}

}
