package com.backorderdesk.api;

import java.util.Map;
import java.util.Objects;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

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
		Product product = new Product(sku, Objects.requireNonNull(body.name()), Objects.requireNonNull(body.category()),
				Objects.requireNonNullElse(body.attributes(), Map.of()), Objects.requireNonNull(body.priceCents()),
				Objects.requireNonNull(body.currency()));
		// the answer shows the product as stored: the service strips what it is given
		return this.catalog.upsert(product)
			.flatMap((created) -> this.catalog.find(sku)
				.map((stored) -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(stored)));
	}

	@PutMapping("/stock/{sku}")
	Mono<Map<String, Object>> putStock(@PathVariable String sku, @Valid @RequestBody StockBody body) {
		int onHand = Objects.requireNonNull(body.onHand());
		return this.supply.setOnHand(sku, onHand, ApiActor.NAME)
			.map((affected) -> Map.of("sku", sku, "onHand", onHand, "ordersAffected", affected));
	}

}
