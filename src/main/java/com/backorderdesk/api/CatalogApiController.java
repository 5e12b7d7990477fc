package com.backorderdesk.api;

import java.util.Map;
import java.util.Objects;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import com.backorderdesk.InvalidInputException;
import com.backorderdesk.api.ApiRequests.ProductBody;
import com.backorderdesk.api.ApiRequests.StockBody;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products and stock levels pushed by the storefront or ERP.
 */
@RestController
@RequestMapping("/api/v1")
class CatalogApiController {

	private final CatalogService catalog;

	private final SupplyChanges supply;

	CatalogApiController(CatalogService catalog, SupplyChanges supply) {
		this.catalog = catalog;
		this.supply = supply;
	}

	@PutMapping("/products/{sku}")
	Mono<ResponseEntity<Product>> putProduct(@PathVariable String sku, @Valid @RequestBody ProductBody body) {
		checkSku(sku);
		Product product = new Product(sku, Objects.requireNonNull(body.name()).strip(),
				Objects.requireNonNull(body.category()).strip(),
				Objects.requireNonNullElse(body.attributes(), Map.of()), Objects.requireNonNull(body.priceCents()),
				Objects.requireNonNull(body.currency()));
		return this.catalog.upsert(product)
			.map((created) -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(product));
	}

	@PutMapping("/stock/{sku}")
	Mono<Map<String, Object>> putStock(@PathVariable String sku, @Valid @RequestBody StockBody body) {
		checkSku(sku);
		int onHand = Objects.requireNonNull(body.onHand());
		return this.supply.setOnHand(sku, onHand, ApiActor.NAME)
			.map((affected) -> Map.of("sku", sku, "onHand", onHand, "ordersAffected", affected));
	}

	static void checkSku(String sku) {
		if (!sku.matches(ApiRequests.IDENTIFIER)) {
			throw new InvalidInputException("sku", "sku " + ApiRequests.IDENTIFIER_MESSAGE);
		}
	}

}
