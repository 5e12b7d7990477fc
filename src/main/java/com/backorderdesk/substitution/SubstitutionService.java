package com.backorderdesk.substitution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.SupplySnapshot;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderLines;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Offers substitutes for waiting lines and carries out the customer's decision. Accepting
 * is decided under the substitute's stock lock, like placing an order, so a substitute's
 * last unit goes to one customer only.
 */
@Service
public class SubstitutionService {

	/** Offers expired per run; a backlog is worked off over the next runs. */
	private static final int EXPIRY_BATCH = 500;

	/** The longest note the customer is shown (the column's limit). */
	private static final int NOTE_LIMIT = 1000;

	/**
	 * The most days an offer may stay open: a customer decides while it is still news.
	 */
	public static final int MAX_OPEN_DAYS = 60;

	private final Offers offers;

	private final OrderService orders;

	private final OrderLines lines;

	private final OrderChoices choices;

	private final InventoryService inventory;

	private final CatalogService catalog;

	private final OrderEventLog events;

	private final SubstitutionQueue queue;

	private final Clock clock;

	SubstitutionService(Offers offers, OrderService orders, OrderLines lines, OrderChoices choices,
			InventoryService inventory, CatalogService catalog, OrderEventLog events, SubstitutionQueue queue,
			Clock clock) {
		this.offers = offers;
		this.orders = orders;
		this.lines = lines;
		this.choices = choices;
		this.inventory = inventory;
		this.catalog = catalog;
		this.events = events;
		this.queue = queue;
		this.clock = clock;
	}

	/**
	 * Offers a substitute for a line that is waiting.
	 * @param given the offer: 1 to {@link InputRules#MAX_LINE_QUANTITY} units; a note of
	 * at most 1,000 characters; expiring within {@link #MAX_OPEN_DAYS} days; a price
	 * difference, if given, of at most {@link InputRules#MAX_CENTS} per unit either way
	 * @param actor the staff member offering it
	 * @return the offer as stored; an {@link InvalidValueException} naming a field out of
	 * bounds, an {@link InvalidInputException} or {@link NotFoundException} naming what
	 * the offer cannot be made for
	 */
	@Transactional
	public Mono<OfferView> offer(NewOffer given, String actor) {
		return Mono.fromCallable(() -> checked(given)).flatMap((offer) -> offerChecked(offer, actor));
	}

	private NewOffer checked(NewOffer offer) {
		InputRules.units("quantity", offer.quantity(), 1, InputRules.MAX_LINE_QUANTITY);
		String note = note(offer.note(), offer.expiresAt());
		if (offer.priceDifferenceCents() != null) {
			InputRules.centsDifference("priceDifferenceCents", offer.priceDifferenceCents(), offer.quantity());
		}
		return new NewOffer(offer.orderNumber(), offer.lineId(), offer.substituteSku(), offer.quantity(), note,
				offer.expiresAt(), offer.priceDifferenceCents());
	}

	private Mono<OfferView> offerChecked(NewOffer offer, String actor) {
		return this.orders.find(offer.orderNumber())
			.switchIfEmpty(Mono.error(
					() -> new NotFoundException("orderNumber", "No order with number '" + offer.orderNumber() + "'")))
			.flatMap((order) -> {
				OrderLineView line = order.lines()
					.stream()
					.filter((candidate) -> candidate.id() == offer.lineId())
					.findFirst()
					.orElseThrow(() -> new NotFoundException("lineId",
							"Order " + order.number() + " has no line " + offer.lineId()));
				int waiting = line.scheduled() + line.unscheduled();
				if (waiting == 0) {
					throw new InvalidInputException("lineId", "Line " + line.lineNo() + " is not waiting for anything");
				}
				if (order.lines().stream().anyMatch((other) -> other.sku().equals(offer.substituteSku()))) {
					throw new InvalidInputException("substituteSku",
							"'" + offer.substituteSku() + "' is already on order " + order.number());
				}
				return this.catalog.find(offer.substituteSku())
					.switchIfEmpty(Mono.error(() -> new NotFoundException("substituteSku",
							"No product with SKU '" + offer.substituteSku() + "'")))
					.flatMap((product) -> {
						if (!product.currency().equals(line.currency())) {
							throw new InvalidInputException("substituteSku", "'" + product.sku() + "' is priced in "
									+ product.currency() + ", the order in " + line.currency());
						}
						long difference = (offer.priceDifferenceCents() != null) ? offer.priceDifferenceCents()
								: difference(product, offer.quantity(), line.unitPriceCents(), waiting);
						return freeUnits(product.sku()).flatMap((free) -> {
							if (free < offer.quantity()) {
								return Mono.error(unavailable(product, offer.quantity(), free));
							}
							return this.offers.insert(order.id(), offer, difference, line.currency(), actor);
						});
					});
			})
			.flatMap(this.offers::lock)
			.flatMap((stored) -> this.events.append(new NewOrderEvent(stored.orderId(), stored.offered(), actor))
				.then(this.offers.find(stored.id())));
	}

	/**
	 * Offers a substitute to every order in the queue for a SKU (see
	 * {@link SubstitutionQueue}), in one transaction: each waiting line gets an offer for
	 * as many units as it waits for, and its order an event. Orders that have the
	 * substitute already, and lines with the same substitute on offer, are left out.
	 * @param given the offer: a note of at most 1,000 characters, expiring within
	 * {@link #MAX_OPEN_DAYS} days, a price difference per unit, if given, of at most
	 * {@link InputRules#MAX_CENTS} either way
	 * @param actor the staff member offering it
	 * @return the offers made, one per order line; an {@link InvalidValueException}
	 * naming a field out of bounds
	 */
	@Transactional
	public Mono<List<OfferView>> offerToAll(OfferToAll given, String actor) {
		return Mono.fromCallable(() -> {
			if (given.priceDifferencePerUnitCents() != null) {
				InputRules.centsDifference("priceDifferencePerUnitCents", given.priceDifferencePerUnitCents(), 1);
			}
			return new OfferToAll(given.sku(), given.substituteSku(), given.priceDifferencePerUnitCents(),
					note(given.note(), given.expiresAt()), given.expiresAt());
		}).flatMap((offer) -> offerToAllChecked(offer, actor));
	}

	private Mono<List<OfferView>> offerToAllChecked(OfferToAll offer, String actor) {
		if (offer.sku().equals(offer.substituteSku())) {
			return Mono.error(new InvalidInputException("substituteSku", "A product cannot substitute for itself"));
		}
		return this.catalog.findAll(List.of(offer.sku(), offer.substituteSku())).flatMap((products) -> {
			Product original = products.get(offer.sku());
			Product substitute = products.get(offer.substituteSku());
			if (original == null) {
				return Mono.error(new NotFoundException("sku", "No product with SKU '" + offer.sku() + "'"));
			}
			if (substitute == null) {
				return Mono.error(
						new NotFoundException("substituteSku", "No product with SKU '" + offer.substituteSku() + "'"));
			}
			if (!substitute.currency().equals(original.currency())) {
				return Mono.error(new InvalidInputException("substituteSku", "'" + substitute.sku() + "' is priced in "
						+ substitute.currency() + ", '" + original.sku() + "' in " + original.currency()));
			}
			if (substitute.priceCents() > InputRules.MAX_CENTS) {
				return Mono.error(new InvalidInputException("substituteSku",
						"'" + substitute.sku() + "' is priced beyond what an offer can charge"));
			}
			return freeUnits(substitute.sku()).flatMap((free) -> {
				if (free <= 0) {
					return Mono.error(unavailable(substitute, 1, free));
				}
				return this.offers.insertForQueue(offer, substitute.priceCents(), original.currency(),
						this.queue.threshold(), free, actor);
			});
		}).flatMap((ids) -> {
			if (ids.isEmpty()) {
				return Mono.error(new InvalidInputException("sku", "No order waits for '" + offer.sku()
						+ "' without a substitute like this one that its free units could serve; nothing was offered"));
			}
			return this.offers.storedAll(ids)
				.flatMap((stored) -> this.events.append(
						stored.stream().map((one) -> new NewOrderEvent(one.orderId(), one.offered(), actor)).toList()))
				.then(this.offers.views(ids));
		});
	}

	/**
	 * Units of a substitute no line holds, read under its stock lock so that the check
	 * and the offer are one decision.
	 */
	private Mono<Integer> freeUnits(String sku) {
		return this.inventory.lockSupply(Set.of(sku))
			.zipWhen((supply) -> this.lines.allocatedUnits(sku))
			.map((found) -> free(found.getT1(), sku, found.getT2()));
	}

	private static InvalidInputException unavailable(Product substitute, int wanted, int free) {
		return new InvalidInputException("substituteSku",
				"'" + substitute.name() + "' has " + Math.max(free, 0) + " free " + ((free == 1) ? "unit" : "units")
						+ " now, " + wanted + " needed; nothing was offered. Reload the page to see current stock.");
	}

	/**
	 * Checks an offer's note and expiry.
	 * @return the note, stripped
	 */
	private String note(String note, Instant expiresAt) {
		String checked = InputRules.paragraphs("note", note, 0, NOTE_LIMIT);
		Instant now = this.clock.instant();
		if (!expiresAt.isAfter(now)) {
			throw new InvalidValueException("expiresAt", "The offer must expire in the future");
		}
		if (expiresAt.isAfter(now.plus(Duration.ofDays(MAX_OPEN_DAYS)))) {
			throw new InvalidValueException("expiresAt",
					"The offer can stay open for " + MAX_OPEN_DAYS + " days at most");
		}
		return checked;
	}

	/**
	 * What the customer pays more (or gets back) for the substitute instead of the units
	 * still waiting; prices stored before they had bounds may be too large to compare.
	 */
	private static long difference(Product substitute, int quantity, long unitPriceCents, int waiting) {
		try {
			return Math.subtractExact(Math.multiplyExact(substitute.priceCents(), quantity),
					Math.multiplyExact(unitPriceCents, waiting));
		}
		catch (ArithmeticException ex) {
			throw new InvalidInputException("substituteSku",
					"'" + substitute.sku() + "' is priced beyond what an offer can charge");
		}
	}

	/**
	 * The newest offers, whatever became of them, for staff to follow.
	 * @param limit the most offers to return
	 * @return the offers, newest first
	 */
	public Mono<List<OfferActivity>> recentOffers(int limit) {
		return this.offers.recent(limit);
	}

	/**
	 * Every offer made to an order, whatever became of it.
	 * @param orderId the order
	 * @return the offers, newest first
	 */
	public Mono<List<OfferActivity>> offersOf(long orderId) {
		return this.offers.ofOrder(orderId);
	}

	/**
	 * Every offer made to several orders, in one query.
	 * @param orderIds the orders
	 * @return each order's offers, newest first, by order number; orders without any are
	 * absent
	 */
	public Mono<Map<String, List<OfferActivity>>> offersOf(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.offers.ofOrders(orderIds);
	}

	/**
	 * Accepts an offer: the substitute is added to the order from stock, the original
	 * line's waiting units are cancelled and other offers for that line are withdrawn,
	 * all or nothing. Accepting an accepted offer again changes nothing.
	 * @param orderNumber the order the customer is looking at
	 * @param offerId the offer
	 * @param actor who accepted
	 * @return the offer as it is now; {@link SubstituteUnavailableException} when its
	 * stock is gone, and then nothing changed
	 */
	@Transactional
	public Mono<OfferView> accept(String orderNumber, long offerId, String actor) {
		// Locks in the order every change takes: the order, the stock, then the offer.
		// Keeping an offer's availability true locks the stock before the offer rows, so
		// locking the offer first here could deadlock with it.
		return this.offers.peek(offerId)
			.filter((peeked) -> peeked.orderNumber().equals(orderNumber))
			.switchIfEmpty(Mono
				.error(() -> new NotFoundException("offerId", "Order " + orderNumber + " has no offer " + offerId)))
			.flatMap((peeked) -> this.lines.lock(orderNumber)
				.then(this.inventory.lockSupply(Set.of(peeked.substituteSku(), peeked.originalSku())))
				.flatMap((supply) -> decidable(orderNumber, offerId, OfferStatus.ACCEPTED).flatMap((offer) -> {
					if (offer.status() == OfferStatus.ACCEPTED) {
						return Mono.empty();
					}
					return this.lines.allocatedUnits(offer.substituteSku())
						.flatMap((held) -> swap(offer, free(supply, offer.substituteSku(), held), actor));
				})))
			.then(this.offers.find(offerId));
	}

	private static int free(Map<String, SupplySnapshot> supply, String sku, int held) {
		SupplySnapshot snapshot = supply.get(sku);
		return Math.max(0, ((snapshot != null) ? snapshot.onHand() : 0) - held);
	}

	private Mono<Void> swap(StoredOffer offer, int free, String actor) {
		if (free < offer.quantity()) {
			return Mono.error(new SubstituteUnavailableException(offer.substituteSku(), offer.quantity(), free));
		}
		return this.orders.find(offer.orderNumber())
			.map((order) -> order.lines().stream().filter((line) -> line.id() == offer.lineId()).findFirst())
			.flatMap((line) -> (line.isEmpty() || line.get().scheduled() + line.get().unscheduled() == 0)
					? Mono.error(new InvalidInputException("offerId",
							"The item this offer replaces is no longer waiting; nothing was changed"))
					: this.lines.addAllocatedLine(offer.orderNumber(), offer.substituteSku(), offer.quantity(), actor))
			.flatMap((added) -> (added.allocated() < offer.quantity())
					? Mono.error(new SubstituteUnavailableException(offer.substituteSku(), offer.quantity(),
							added.allocated()))
					: this.choices
						.cancelWaiting(offer.orderNumber(), offer.lineId(), CancelReason.SUBSTITUTE_ACCEPTED, actor)
						.flatMap((cancelled) -> this.offers.decide(offer.id(), OfferStatus.ACCEPTED)
							.then(this.offers.withdrawOthers(offer.lineId(), offer.id()))
							.flatMap((withdrawn) -> {
								List<NewOrderEvent> appended = new ArrayList<>();
								appended.add(new NewOrderEvent(offer.orderId(), offer.accepted(added.id(), cancelled),
										actor));
								withdrawn.forEach((other) -> appended
									.add(new NewOrderEvent(other.orderId(), other.withdrawn(), actor)));
								return this.events.append(appended);
							})))
			.then();
	}

	/**
	 * Declines an offer; declining it again changes nothing.
	 * @param orderNumber the order the customer is looking at
	 * @param offerId the offer
	 * @param actor who declined
	 * @return the offer as it is now
	 */
	@Transactional
	public Mono<OfferView> decline(String orderNumber, long offerId, String actor) {
		return decidable(orderNumber, offerId, OfferStatus.DECLINED)
			.flatMap((offer) -> (offer.status() == OfferStatus.DECLINED) ? Mono.empty()
					: this.offers.decide(offerId, OfferStatus.DECLINED)
						.then(this.events.append(new NewOrderEvent(offer.orderId(), offer.declined(), actor))))
			.then(this.offers.find(offerId));
	}

	/**
	 * Locks an offer of the given order that is still open, or already has the status the
	 * caller wants to give it.
	 */
	private Mono<StoredOffer> decidable(String orderNumber, long offerId, OfferStatus decision) {
		return this.offers.lock(offerId)
			.filter((offer) -> offer.orderNumber().equals(orderNumber))
			.switchIfEmpty(Mono
				.error(() -> new NotFoundException("offerId", "Order " + orderNumber + " has no offer " + offerId)))
			.flatMap((offer) -> {
				if (offer.status() == decision) {
					return Mono.just(offer);
				}
				if (offer.status() != OfferStatus.OFFERED) {
					return Mono.error(new InvalidInputException("offerId",
							"This offer is " + offer.status().name().toLowerCase() + " and can no longer be changed"));
				}
				if (!offer.expiresAt().isAfter(this.clock.instant())) {
					return Mono
						.error(new InvalidInputException("offerId", "This offer expired at " + offer.expiresAt()));
				}
				return Mono.just(offer);
			});
	}

	/**
	 * The offers the customer can still accept.
	 * @param orderId the order
	 * @return open offers, by line
	 */
	public Mono<List<OfferView>> openOffers(long orderId) {
		return this.offers.open(List.of(orderId), this.clock.instant());
	}

	/**
	 * The substitutes an order's customer accepted, each of which replaced the waiting
	 * units of its line ({@link OfferView#lineId()}).
	 * @param orderId the order
	 * @return the accepted offers, by line
	 */
	public Mono<List<OfferView>> acceptedOffers(long orderId) {
		return this.offers.accepted(List.of(orderId));
	}

	/**
	 * The substitutes the customers of several orders accepted, in one query.
	 * @param orderIds the orders
	 * @return the accepted offers, by line
	 */
	public Mono<List<OfferView>> acceptedOffers(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.offers.accepted(orderIds);
	}

	/**
	 * The offers the customers of several orders can still accept, or could once the
	 * substitute is back ({@link OfferView#available()}).
	 * @param orderIds the orders
	 * @return open offers, by order id then line id
	 */
	public Mono<List<OfferView>> openOffers(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.offers.open(orderIds, this.clock.instant());
	}

	/**
	 * Expires the open offers that are past their time, with an event for each.
	 * @return how many were expired
	 */
	@Transactional
	public Mono<Integer> expireDue() {
		return this.offers.expireDue(this.clock.instant(), EXPIRY_BATCH).flatMap((expired) -> {
			List<NewOrderEvent> appended = expired.stream()
				.sorted((a, b) -> Long.compare(a.id(), b.id()))
				.map((offer) -> new NewOrderEvent(offer.orderId(), offer.expired(), "system"))
				.toList();
			return this.events.append(appended).thenReturn(expired.size());
		});
	}

}
