package com.backorderdesk.api;

import java.util.Objects;

import jakarta.validation.Valid;
import reactor.core.publisher.Mono;

import com.backorderdesk.NotFoundException;
import com.backorderdesk.api.ApiRequests.OrderBody;
import com.backorderdesk.api.ApiRequests.ShipmentBody;
import com.backorderdesk.orders.NewShipment;
import com.backorderdesk.orders.LineWording;
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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * New orders from the storefront, their status, and what the warehouse shipped.
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderApiController {

	private final OrderService orders;

	private final Shipments shipments;

	private final LineWording wording;

	OrderApiController(OrderService orders, Shipments shipments, LineWording wording) {
		this.orders = orders;
		this.shipments = shipments;
		this.wording = wording;
	}

	/**
	 * Places an order. Posting a number again returns the stored order with 200 and
	 * creates nothing, so a storefront can retry after a timeout.
	 */
	@PostMapping
	Mono<ResponseEntity<OrderStatus>> place(@Valid @RequestBody OrderBody body, UriComponentsBuilder uri) {
		ApiRequests.Customer customer = Objects.requireNonNull(body.customer());
		PlaceOrder order = new PlaceOrder(Objects.requireNonNull(body.number()),
				Objects.requireNonNull(customer.email()).strip(), Objects.requireNonNull(customer.name()).strip(),
				Objects.requireNonNull(body.lines())
					.stream()
					.map((line) -> new PlaceOrder.Line(Objects.requireNonNull(line.sku()),
							Objects.requireNonNull(line.quantity())))
					.toList(),
				null, body.locale());
		return this.orders.place(order, ApiActor.NAME).map((placed) -> {
			OrderStatus status = OrderStatus.of(placed.order(), this.wording);
			if (!placed.created()) {
				return ResponseEntity.ok(status);
			}
			return ResponseEntity.created(uri.path("/api/v1/orders/{number}").buildAndExpand(status.number()).toUri())
				.body(status);
		});
	}

	@GetMapping("/{number}")
	Mono<OrderStatus> find(@PathVariable String number) {
		return order(number).map((order) -> OrderStatus.of(order, this.wording));
	}

	/**
	 * Records a shipment: its units move from allocated to shipped. Posting a
	 * {@code shipmentId} the order already has returns the order with 200 and ships
	 * nothing, so the warehouse can retry after a timeout.
	 */
	@PostMapping("/{number}/shipments")
	Mono<ResponseEntity<OrderStatus>> ship(@PathVariable String number, @Valid @RequestBody ShipmentBody body) {
		NewShipment shipment = new NewShipment(Objects.requireNonNull(body.shipmentId()),
				Objects.requireNonNull(body.lines())
					.stream()
					.map((line) -> new NewShipment.Line(Objects.requireNonNull(line.sku()),
							Objects.requireNonNull(line.quantity())))
					.toList());
		// the order is the resource the path names: unknown, it is a 404, not a field
		return order(number).then(this.shipments.ship(number, shipment, ApiActor.NAME))
			.map((recorded) -> ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(OrderStatus.of(recorded.order(), this.wording)));
	}

	private Mono<OrderView> order(String number) {
		return this.orders.find(number)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No order with number '" + number + "'")));
	}

}
