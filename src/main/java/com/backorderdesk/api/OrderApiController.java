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
import com.backorderdesk.api.ApiRequests.OrderBody;
import com.backorderdesk.api.ApiRequests.ShipmentBody;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.NewShipment;
import com.backorderdesk.orders.OrderPriority;
import com.backorderdesk.orders.OrderSearch;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.Shipments;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * New orders from the storefront, their status, and what the warehouse shipped.
 */
@RestController
@RequestMapping("/api/v1/orders")
@Tag(name = "Orders", description = "Orders placed in the shop, where each line stands, and shipments")
class OrderApiController {

	private final OrderService orders;

	private final OrderSearch search;

	private final Shipments shipments;

	private final LineWording wording;

	private final ApiActor actor;

	OrderApiController(OrderService orders, OrderSearch search, Shipments shipments, LineWording wording,
			ApiActor actor) {
		this.orders = orders;
		this.search = search;
		this.shipments = shipments;
		this.wording = wording;
		this.actor = actor;
	}

	/**
	 * Places an order. Posting a number again returns the stored order with 200 and
	 * creates nothing, so a storefront can retry after a timeout; another body with that
	 * number is a 409 naming the fields that differ.
	 */
	@PostMapping
	@Operation(summary = "Place an order",
			description = "Stock is allocated at once, planned supply schedules the rest with a delivery window, "
					+ "and what no supply covers waits without a date. `priority` (HIGH, NORMAL, LOW) decides "
					+ "the order's place among orders waiting for the same SKU. Units beyond a product's backorder "
					+ "cap are refused (422 naming the line) or, when the shop accepts such orders "
					+ "(`backorder.orders.beyond-cap: NOT_ORDERABLE`), cancelled at once and reported in "
					+ "`notOrderable`: charge nothing for them. Posting a number again with the same body answers "
					+ "200 with the stored order (a safe retry); with another body, 409 naming the fields that "
					+ "differ in `differences`. Audited with the key's name.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(examples = @ExampleObject(name = "order", value = ApiExamples.ORDER_BODY)))
	@ApiResponse(responseCode = "201", description = "The order as placed; `Location` is its address",
			content = @Content(schema = @Schema(implementation = OrderStatus.class),
					examples = @ExampleObject(name = "order", value = ApiExamples.ORDER)))
	@ApiResponse(responseCode = "200",
			description = "The number was placed before with the same body: the stored order",
			content = @Content(schema = @Schema(implementation = OrderStatus.class),
					examples = @ExampleObject(name = "order", value = ApiExamples.ORDER)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "409", description = "The number was placed before with another body",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA),
					examples = @ExampleObject(name = "different", value = ApiExamples.DIFFERENT_ORDER)))
	@ApiResponse(responseCode = "422",
			description = "A line names an unknown SKU or one twice, or asks for units beyond the product's backorder cap",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA),
					examples = @ExampleObject(name = "capReached", value = ApiExamples.CAP_REACHED)))
	Mono<ResponseEntity<OrderStatus>> place(@Valid @RequestBody OrderBody body, UriComponentsBuilder uri) {
		ApiRequests.Customer customer = Objects.requireNonNull(body.customer());
		PlaceOrder order = new PlaceOrder(Objects.requireNonNull(body.number()),
				Objects.requireNonNull(customer.email()).strip(), Objects.requireNonNull(customer.name()).strip(),
				Objects.requireNonNull(body.lines())
					.stream()
					.map((line) -> new PlaceOrder.Line(Objects.requireNonNull(line.sku()),
							Objects.requireNonNull(line.quantity()), line.unitPriceCents()))
					.toList(),
				null, Objects.requireNonNullElse(body.priority(), OrderPriority.NORMAL), body.locale(),
				body.shipPreference());
		return this.actor.change("ORDER_PLACED", (name) -> this.orders.place(order, name),
				(placed) -> placed.created() ? new ApiActor.Entry("order " + placed.order().number(), null,
						OrderStatus.of(placed.order(), this.wording)) : null)
			.map((placed) -> {
				OrderStatus status = OrderStatus.of(placed.order(), this.wording);
				if (!placed.created()) {
					return ResponseEntity.ok(status);
				}
				return ResponseEntity
					.created(uri.path("/api/v1/orders/{number}").buildAndExpand(status.number()).toUri())
					.body(status);
			});
	}

	@GetMapping
	@Operation(summary = "List orders",
			description = "Orders by the order they were stored in, a page at a time; filter by a line status, a "
					+ "SKU, or `updatedSince` (ISO 8601 instant, inclusive: an order counts as changed when it or "
					+ "one of its lines did).")
	@ApiResponse(responseCode = "200", description = "A page of orders",
			content = @Content(schema = @Schema(implementation = OrderPage.class),
					examples = @ExampleObject(name = "page", value = ApiExamples.ORDERS)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	Mono<ApiPage<OrderStatus>> list(
			@Parameter(description = "`nextCursor` of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Rows a page, 1 to 200 (50)") @RequestParam(
					required = false) @Nullable Integer limit,
			@Parameter(description = "Only orders with a line in this status") @RequestParam(
					required = false) @Nullable LineStatus status,
			@Parameter(description = "Only orders with a line of this SKU") @RequestParam(
					required = false) @Nullable String sku,
			@Parameter(description = "Only orders changed at or after this instant") @RequestParam(
					required = false) @Nullable Instant updatedSince) {
		int size = Cursor.limit(limit);
		return this.search
			.list(Cursor.id(cursor), size + 1, status, sku, InputRules.since("updatedSince", updatedSince))
			.map((rows) -> ApiPage.of(rows, size, (row) -> Cursor.of(row.id()),
					(row) -> OrderStatus.of(row, this.wording)));
	}

	@GetMapping("/{number}")
	@Operation(summary = "Read an order",
			description = "Where each line stands, in numbers and in the words the "
					+ "customer reads, with the delivery window of what waits for a restock.")
	@ApiResponse(responseCode = "200", description = "The order",
			content = @Content(schema = @Schema(implementation = OrderStatus.class),
					examples = @ExampleObject(name = "order", value = ApiExamples.ORDER)))
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	Mono<OrderStatus> find(@PathVariable String number) {
		return order(number).map((order) -> OrderStatus.of(order, this.wording));
	}

	/**
	 * Records a shipment: its units move from allocated to shipped. Posting a
	 * {@code shipmentId} the order already has returns the order with 200 and ships
	 * nothing, so the warehouse can retry after a timeout. A shipment that would leave
	 * units of an order whose customer chose to ship everything together is a 409, unless
	 * the body says {@code "overrideShipPreference": true}.
	 */
	@PostMapping("/{number}/shipments")
	@Operation(summary = "Record a shipment",
			description = "Units that left the warehouse, from what is allocated to the order (never more: 422 "
					+ "names the line), optionally with `carrier`, `trackingNumber` and `trackingUrl` (shown to "
					+ "the customer, in the \"shipped\" e-mail and in `shipment.recorded`). The same `shipmentId` "
					+ "again answers 200 with the order and ships nothing. A shipment that would leave units of an "
					+ "order whose customer chose to ship everything together (`shipPreference` SHIP_COMPLETE) is "
					+ "refused with 409, unless `overrideShipPreference` is true (audited). Each shipment gets one "
					+ "\"shipped\" e-mail. Audited with the key's name.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
			@ExampleObject(name = "shipment", summary = "With tracking", value = ApiExamples.SHIPMENT_BODY),
			@ExampleObject(name = "splitAnyway", summary = "Splitting an order the customer wants shipped complete",
					value = ApiExamples.SHIPMENT_SPLIT_BODY) }))
	@ApiResponse(responseCode = "201", description = "Shipped: the order as it stands now",
			content = @Content(schema = @Schema(implementation = OrderStatus.class),
					examples = @ExampleObject(name = "order", value = ApiExamples.ORDER)))
	@ApiResponse(responseCode = "200", description = "The shipment was recorded before: the order, nothing shipped",
			content = @Content(schema = @Schema(implementation = OrderStatus.class),
					examples = @ExampleObject(name = "order", value = ApiExamples.ORDER)))
	@ApiResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
	@ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
	@ApiResponse(responseCode = "409",
			description = "The customer chose to ship everything together and this shipment would leave units behind: "
					+ "nothing shipped; `unitsLeft` says how many",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = ApiDocs.PROBLEM_SCHEMA),
					examples = @ExampleObject(name = "splitRefused", value = ApiExamples.SPLIT_REFUSED)))
	@ApiResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
	Mono<ResponseEntity<OrderStatus>> ship(@PathVariable String number, @Valid @RequestBody ShipmentBody body) {
		NewShipment shipment = new NewShipment(Objects.requireNonNull(body.shipmentId()),
				Objects.requireNonNull(body.lines())
					.stream()
					.map((line) -> new NewShipment.Line(Objects.requireNonNull(line.sku()),
							Objects.requireNonNull(line.quantity())))
					.toList(),
				NewShipment.Tracking.of(body.carrier(), body.trackingNumber(), body.trackingUrl()),
				Boolean.TRUE.equals(body.overrideShipPreference()));
		// the order is the resource the path names: unknown, it is a 404, not a field
		return order(number)
			.then(this.actor.change("SHIPMENT_RECORDED", (name) -> this.shipments.ship(number, shipment, name),
					(recorded) -> recorded.created() ? new ApiActor.Entry("order " + number, null, body) : null))
			.map((recorded) -> ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(OrderStatus.of(recorded.order(), this.wording)));
	}

	private Mono<OrderView> order(String number) {
		return this.orders.find(number)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No order with number '" + number + "'")));
	}

	/** A page of orders, named for the description. */
	@Schema(name = "OrderPage")
	record OrderPage(List<OrderStatus> items, @Schema(types = {
			"string", "null" }) @Nullable String nextCursor){
	}

}
