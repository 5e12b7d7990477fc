package com.backorderdesk.substitution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.SupplySnapshot;
import com.backorderdesk.orders.OrderLines;
import com.backorderdesk.orders.ReplanListener;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps open offers honest about their substitute: whenever a SKU is planned again (its
 * stock counted, taken by an order, received), every open offer of it whose free units
 * (on hand minus what lines hold) no longer cover the offer becomes unavailable, and one
 * that is covered again becomes available. Each change is a
 * {@link SubstituteAvailabilityChanged} event in the same transaction, so the order page
 * and the workbench turn "no longer available" live and the e-mail never offers it as in
 * stock.
 */
@Component
@Order(0)
class OfferAvailability implements ReplanListener {

	private final Offers offers;

	private final InventoryService inventory;

	private final OrderLines lines;

	private final OrderEventLog events;

	OfferAvailability(Offers offers, InventoryService inventory, OrderLines lines, OrderEventLog events) {
		this.offers = offers;
		this.inventory = inventory;
		this.lines = lines;
		this.events = events;
	}

	@Override
	public Mono<Void> replanned(List<String> skus) {
		return this.offers.openFor(skus).flatMap((open) -> {
			if (open.isEmpty()) {
				return Mono.empty();
			}
			Set<String> substitutes = open.stream().map(OpenOffer::substituteSku).collect(Collectors.toSet());
			// the stock rows are locked by the re-plan that calls this
			return this.inventory.lockSupply(substitutes)
				.zipWhen((supply) -> this.lines.allocatedUnits(substitutes))
				.flatMap((found) -> update(open, found.getT1(), found.getT2()));
		});
	}

	private Mono<Void> update(List<OpenOffer> open, Map<String, SupplySnapshot> supply, Map<String, Integer> held) {
		List<Long> nowAvailable = new ArrayList<>();
		List<Long> nowUnavailable = new ArrayList<>();
		List<NewOrderEvent> changed = new ArrayList<>();
		for (OpenOffer offer : open) {
			SupplySnapshot snapshot = supply.get(offer.substituteSku());
			int onHand = (snapshot != null) ? snapshot.onHand() : 0;
			boolean available = onHand - held.getOrDefault(offer.substituteSku(), 0) >= offer.quantity();
			if (available != offer.available()) {
				(available ? nowAvailable : nowUnavailable).add(offer.id());
				changed.add(new NewOrderEvent(offer.orderId(), new SubstituteAvailabilityChanged(offer.id(),
						offer.lineId(), offer.sku(), offer.substituteSku(), available), "system"));
			}
		}
		return this.offers.setAvailable(nowAvailable, true)
			.then(this.offers.setAvailable(nowUnavailable, false))
			.then(this.events.append(changed))
			.then();
	}

	/**
	 * An open offer, as far as its availability goes.
	 *
	 * @param id the offer
	 * @param orderId its order
	 * @param lineId the line it would replace
	 * @param sku the line's SKU
	 * @param substituteSku the substitute
	 * @param quantity units offered
	 * @param available whether it was available when last checked
	 */
	record OpenOffer(long id, long orderId, long lineId, String sku, String substituteSku, int quantity,
			boolean available) {
	}

}
