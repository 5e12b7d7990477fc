package com.backorderdesk.api;

import java.time.Instant;
import java.util.List;
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
import com.backorderdesk.api.ApiRequests.NewRestockBody;
import com.backorderdesk.api.ApiRequests.RestockPatchBody;
import com.backorderdesk.api.ApiResources.RestockResource;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockSearch;
import com.backorderdesk.inventory.RestockStatus;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Inbound restocks: what suppliers will deliver, and when.
 */
@RestController
@RequestMapping("/api/v1/restocks")
@Tag(name = "Restocks", description = "Inbound restocks: planned supply with expected dates")
class RestockApiController {

	private final SupplyChanges supply;

	private final RestockSearch restocks;

	private final ApiActor actor;

	RestockApiController(SupplyChanges supply, RestockSearch restocks, ApiActor actor) {
		this.supply = supply;
		this.restocks = restocks;
		this.actor = actor;
	}

	@GetMapping
	@Operation(summary = "List restocks",
			description = "Restocks by id, a page at a time, filtered by SKU, supplier (its exact name), status, and "
					+ "`updatedSince` (ISO 8601 instant, inclusive).")
	@ApiResponse(responseCode = "200", description = "A page of restocks",
			content = @Content(schema = @Schema(implementation = RestockPage.class),
					examples = @ExampleObject(name = "page", value = ApiExamples.RESTOCKS)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	Mono<ApiPage<RestockResource>> list(
			@Parameter(description = "`nextCursor` of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Rows a page, 1 to 200 (50)") @RequestParam(
					required = false) @Nullable Integer limit,
			@Parameter(description = "Only this SKU") @RequestParam(required = false) @Nullable String sku,
			@Parameter(description = "Only this supplier") @RequestParam(required = false) @Nullable String supplier,
			@Parameter(description = "Only this status") @RequestParam(required = false) @Nullable RestockStatus status,
			@Parameter(description = "Only restocks changed at or after this instant") @RequestParam(
					required = false) @Nullable Instant updatedSince) {
		int size = Cursor.limit(limit);
		return this.restocks
			.list(Cursor.id(cursor), size + 1, sku, supplier, status, InputRules.since("updatedSince", updatedSince))
			.map((rows) -> ApiPage.of(rows, size, (row) -> Cursor.of(row.restock().id()), RestockResource::of));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a restock")
	@ApiResponse(responseCode = "200", description = "The restock",
			content = @Content(schema = @Schema(implementation = RestockResource.class),
					examples = @ExampleObject(name = "restock", value = ApiExamples.RESTOCK)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Mono<RestockResource> find(@PathVariable long id) {
		return read(id);
	}

	@PostMapping
	@Operation(summary = "Plan a restock",
			description = "Units of a SKU a supplier will deliver, expected on a shop-zone date from today to five "
					+ "years ahead; a new supplier name creates the supplier. The SKU is planned again: waiting "
					+ "orders get delivery windows from it. Audited with the key's name.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(examples = @ExampleObject(name = "restock", value = ApiExamples.NEW_RESTOCK)))
	@ApiResponse(responseCode = "201", description = "The restock; `Location` is its address",
			content = @Content(schema = @Schema(implementation = RestockResource.class),
					examples = @ExampleObject(name = "restock", value = ApiExamples.RESTOCK)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
	Mono<ResponseEntity<RestockResource>> create(@Valid @RequestBody NewRestockBody body, UriComponentsBuilder uri) {
		NewRestock restock = new NewRestock(Objects.requireNonNull(body.sku()),
				Objects.requireNonNull(body.supplier()).strip(), Objects.requireNonNull(body.quantity()),
				Objects.requireNonNull(body.expectedOn()));
		return this.actor
			.change("RESTOCK_CREATED",
					(name) -> this.supply.createRestock(restock, name).flatMap((created) -> read(created.id())),
					(created) -> new ApiActor.Entry("restock " + created.id(), null, created))
			.map((created) -> ResponseEntity
				.created(uri.path("/api/v1/restocks/{id}").buildAndExpand(created.id()).toUri())
				.body(created));
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Change a restock",
			description = "Any of `expectedOn`, `quantity` (not below what was received) and `status`; send the "
					+ "`version` you read to be told (409, with the restock as it is now in `current`) when someone "
					+ "changed it meanwhile. Orders it moves are told by e-mail, delays by the FTC rule. Audited "
					+ "with the key's name.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(examples = @ExampleObject(name = "slip", value = ApiExamples.RESTOCK_PATCH)))
	@ApiResponse(responseCode = "200", description = "The restock as changed",
			content = @Content(schema = @Schema(implementation = RestockResource.class),
					examples = @ExampleObject(name = "restock", value = ApiExamples.RESTOCK)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
	@ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
	Mono<RestockResource> update(@PathVariable long id, @Valid @RequestBody RestockPatchBody body) {
		RestockChange change = new RestockChange(body.expectedOn(), body.quantity(), body.status(), body.version());
		return this.actor
			.change("RESTOCK_UPDATED",
					(name) -> this.supply.changeRestock(id, change, null, name)
						.flatMap((changed) -> read(id).map((after) -> new Changed(changed.before(), after))),
					(changed) -> new ApiActor.Entry("restock " + id, changed.before(), changed.after()))
			.map(Changed::after);
	}

	private Mono<RestockResource> read(long id) {
		return this.restocks.findListed(id)
			.map(RestockResource::of)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No restock with id " + id)));
	}

	private record Changed(Object before, RestockResource after) {
	}

	/** A page of restocks, named for the description. */
	@Schema(name = "RestockPage")
	record RestockPage(List<RestockResource> items, @Schema(types = {
			"string", "null" }) @Nullable String nextCursor){
	}

}
