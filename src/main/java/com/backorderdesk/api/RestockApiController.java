package com.backorderdesk.api;

import java.util.Objects;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import com.backorderdesk.api.ApiRequests.NewRestockBody;
import com.backorderdesk.api.ApiRequests.RestockPatchBody;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.SupplyChanges;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Inbound restocks: what suppliers will deliver, and when.
 */
@RestController
@RequestMapping("/api/v1/restocks")
class RestockApiController {

	private final SupplyChanges supply;

	RestockApiController(SupplyChanges supply) {
		this.supply = supply;
	}

	@PostMapping
	Mono<ResponseEntity<Restock>> create(@Valid @RequestBody NewRestockBody body, UriComponentsBuilder uri) {
		NewRestock restock = new NewRestock(Objects.requireNonNull(body.sku()),
				Objects.requireNonNull(body.supplier()).strip(), Objects.requireNonNull(body.quantity()),
				Objects.requireNonNull(body.expectedOn()));
		return this.supply.createRestock(restock, ApiActor.NAME)
			.map((created) -> ResponseEntity
				.created(uri.path("/api/v1/restocks/{id}").buildAndExpand(created.id()).toUri())
				.body(created));
	}

	@PatchMapping("/{id}")
	Mono<Restock> update(@PathVariable long id, @Valid @RequestBody RestockPatchBody body) {
		RestockChange change = new RestockChange(body.expectedOn(), body.quantity(), body.status(), body.version());
		return this.supply.updateRestock(id, change, ApiActor.NAME);
	}

}
