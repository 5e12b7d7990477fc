package com.backorderdesk.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.integration.RefundView;
import com.backorderdesk.integration.Refunds;
import com.backorderdesk.orders.DelayNotices;
import com.backorderdesk.orders.DelayQuestion;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.ShipmentView;
import com.backorderdesk.orders.Shipments;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns an order and its timeline into the status page's text: quantities, statuses,
 * windows and prices become sentences a customer understands without knowing our
 * vocabulary. Lines are worded by {@link LineWording}, as in e-mails and the API, so an
 * order shipped complete says so on every line, and a line a substitute replaced says by
 * what.
 */
@Component
class OrderPage {

	private final OrderTimeline timeline;

	private final SubstitutionService substitutions;

	private final DelayNotices delays;

	private final LineWording wording;

	private final MessageSource messages;

	private final Refunds refunds;

	private final Shipments shipments;

	OrderPage(OrderTimeline timeline, SubstitutionService substitutions, DelayNotices delays, LineWording wording,
			MessageSource messages, Refunds refunds, Shipments shipments) {
		this.timeline = timeline;
		this.substitutions = substitutions;
		this.delays = delays;
		this.wording = wording;
		this.messages = messages;
		this.refunds = refunds;
		this.shipments = shipments;
	}

	/**
	 * Reads what the page shows besides the order itself, and words it all.
	 * @param order the order with its lines
	 * @param locale the reader's language
	 * @return the page's view
	 */
	Mono<OrderPageView> build(OrderView order, Locale locale) {
		return buildAll(List.of(order), locale).mapNotNull((views) -> views.get(order.id()));
	}

	/**
	 * The same as {@link #build} for several orders, with one query per kind of thing
	 * read whatever their number, for live pages that follow many orders.
	 * @param orders the orders with their lines
	 * @param locale the reader's language
	 * @return the views, by order id
	 */
	Mono<Map<Long, OrderPageView>> buildAll(Collection<OrderView> orders, Locale locale) {
		if (orders.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<Long> ids = orders.stream().map(OrderView::id).toList();
		return Mono
			.zip(this.timeline.latest(orders, locale), this.substitutions.openOffers(ids),
					this.delays.openQuestions(ids), this.substitutions.acceptedOffers(ids), this.refunds.ofOrders(ids),
					this.shipments.ofOrders(ids))
			.map((loaded) -> {
				Map<Long, List<OfferView>> open = loaded.getT2()
					.stream()
					.collect(Collectors.groupingBy(OfferView::orderId));
				Map<Long, List<OfferView>> accepted = loaded.getT4()
					.stream()
					.collect(Collectors.groupingBy(OfferView::orderId));
				Map<Long, OrderPageView> views = new HashMap<>();
				for (OrderView order : orders) {
					views.put(order.id(),
							view(order,
									new Loaded(loaded.getT1().getOrDefault(order.id(), OrderTimeline.Latest.NONE),
											open.getOrDefault(order.id(), List.of()),
											loaded.getT3().getOrDefault(order.id(), List.of()),
											accepted.getOrDefault(order.id(), List.of()),
											loaded.getT5().getOrDefault(order.id(), List.of()),
											loaded.getT6().getOrDefault(order.id(), List.of())),
									locale));
				}
				return views;
			});
	}

	/** What one order's page reads besides the order. */
	private record Loaded(OrderTimeline.Latest timeline, List<OfferView> open, List<DelayQuestion> questions,
			List<OfferView> accepted, List<RefundView> refunds, List<ShipmentView> shipments) {
	}

	private OrderPageView view(OrderView order, Loaded loaded, Locale locale) {
		Map<Long, DelayQuestion> delayed = loaded.questions()
			.stream()
			.collect(Collectors.toMap(DelayQuestion::lineId, (question) -> question));
		Map<Long, String> replacedBy = loaded.accepted()
			.stream()
			.collect(Collectors.toMap(OfferView::lineId, OfferView::substituteName, (a, b) -> a));
		Set<Long> offered = loaded.open().stream().map(OfferView::lineId).collect(Collectors.toSet());
		PageText text = new PageText(this.messages, locale);
		Map<Long, String> names = order.lines()
			.stream()
			.collect(Collectors.toMap(OrderLineView::id, OrderLineView::productName));
		List<OrderPageView.Offer> offers = loaded.open()
			.stream()
			.map((offer) -> offer(offer, names, text, locale))
			.toList();
		List<OrderPageView.Line> lines = order.lines()
			.stream()
			.map((line) -> line(order, line, text, locale, offered.contains(line.id()), delayed.get(line.id()),
					replacedBy.get(line.id()), refund(loaded.refunds(), line.id(), text, locale)))
			.toList();
		boolean anyCancelled = order.lines().stream().anyMatch((line) -> line.cancelled() > 0);
		OrderTimeline.Latest timeline = loaded.timeline();
		return new OrderPageView(order.id(), order.number(), this.wording.moment(order.placedAt(), locale),
				order.placedAt().toString(), summary(order, text, locale), lines, total(order, locale),
				anyCancelled ? text.get("order.cancelledNotCharged") : null, timeline.entries(), timeline.more(),
				timeline.lastEventId(), offers, order.shipPreference().name(), order.emailPreference().name(),
				loaded.shipments().stream().map((one) -> shipment(one, names, text, locale)).toList());
	}

	private OrderPageView.Offer offer(OfferView offer, Map<Long, String> names, PageText text, Locale locale) {
		String original = names.getOrDefault(offer.lineId(), "");
		String price;
		if (offer.priceDifferenceCents() == 0) {
			price = text.get("offer.samePrice");
		}
		else {
			String amount = this.wording.money(Math.abs(offer.priceDifferenceCents()), offer.currency(), locale);
			price = text.get((offer.priceDifferenceCents() > 0) ? "offer.costsMore" : "offer.costsLess", amount);
		}
		String note = offer.note().isBlank() ? null : offer.note();
		return new OrderPageView.Offer(offer.id(), offer.lineId(),
				text.get("offer.text", offer.quantity(), offer.substituteName(), original), price,
				text.get("offer.expires", this.wording.moment(offer.expiresAt(), locale)), note, offer.available(),
				offer.substituteName(), offer.quantity());
	}

	/**
	 * What the units not cancelled come to, by currency ("€59.97", or "€20.00 + $5.00"
	 * for an order in two currencies).
	 */
	private String total(OrderView order, Locale locale) {
		Map<String, Long> sums = new LinkedHashMap<>();
		for (OrderLineView line : order.lines()) {
			sums.merge(line.currency(), (line.quantity() - line.cancelled()) * line.unitPriceCents(), Long::sum);
		}
		return sums.entrySet()
			.stream()
			.map((sum) -> this.wording.money(sum.getValue(), sum.getKey(), locale))
			.collect(Collectors.joining(" + "));
	}

	private String summary(OrderView order, PageText text, Locale locale) {
		List<OrderLineView> lines = order.lines();
		int open = 0;
		int ready = 0;
		int scheduled = 0;
		int unscheduled = 0;
		int shipped = 0;
		List<EtaWindow> windows = new ArrayList<>();
		for (OrderLineView line : lines) {
			open += line.allocated() + line.scheduled() + line.unscheduled();
			ready += line.allocated();
			scheduled += line.scheduled();
			unscheduled += line.unscheduled();
			shipped += line.shipped();
			if (line.scheduled() > 0 && line.eta() != null) {
				windows.add(line.eta());
			}
		}
		if (open == 0) {
			return text.get((shipped > 0) ? "summary.shipped" : "summary.cancelled");
		}
		LineWording.Together together = this.wording.together(order);
		if (together != null) {
			EtaWindow window = together.window();
			return (window != null) ? text.get("summary.together", this.wording.window(window, locale))
					: text.get("summary.togetherUndated", unscheduled);
		}
		String window = windows.isEmpty() ? "" : this.wording.window(envelope(windows), locale);
		if (ready == open) {
			return text.get("summary.allReady", open);
		}
		if (ready > 0) {
			if (unscheduled == 0) {
				return text.get("summary.readyRestExpected", ready, open, window);
			}
			if (scheduled == 0) {
				return text.get("summary.readyRestUndated", ready, open);
			}
			return text.get("summary.readyRestMixed", ready, open, scheduled, window, unscheduled);
		}
		if (unscheduled == 0) {
			return text.get("summary.allExpected", open, window);
		}
		if (scheduled == 0) {
			return text.get("summary.noneDated", open);
		}
		return text.get("summary.expectedAndUndated", scheduled, open, window, unscheduled);
	}

	private static EtaWindow envelope(List<EtaWindow> windows) {
		LocalDate earliest = windows.stream().map(EtaWindow::earliest).min(LocalDate::compareTo).orElseThrow();
		LocalDate latest = windows.stream().map(EtaWindow::latest).max(LocalDate::compareTo).orElseThrow();
		return new EtaWindow(earliest, latest);
	}

	/**
	 * What is refunded for a line's cancelled units: "€42.00 will be refunded." while
	 * due, "€42.00 refunded." once paid.
	 */
	private @Nullable String refund(List<RefundView> refunds, long lineId, PageText text, Locale locale) {
		long due = 0;
		long paid = 0;
		String currency = null;
		for (RefundView refund : refunds) {
			if (refund.lineId() == lineId) {
				currency = refund.currency();
				if (refund.due()) {
					due += refund.amountCents();
				}
				else {
					paid += refund.amountCents();
				}
			}
		}
		if (currency == null) {
			return null;
		}
		List<String> said = new ArrayList<>();
		if (due > 0) {
			said.add(text.get("line.refundDue", this.wording.money(due, currency, locale)));
		}
		if (paid > 0) {
			said.add(text.get("line.refunded", this.wording.money(paid, currency, locale)));
		}
		return String.join(" ", said);
	}

	private OrderPageView.Shipment shipment(ShipmentView shipment, Map<Long, String> names, PageText text,
			Locale locale) {
		List<String> items = shipment.items()
			.stream()
			.map((item) -> text.get("shipments.item", item.quantity(), names.getOrDefault(item.lineId(), item.sku())))
			.toList();
		String tracking = null;
		if (shipment.carrier() != null && shipment.trackingNumber() != null) {
			tracking = text.get("shipments.carrierAndNumber", shipment.carrier(), shipment.trackingNumber());
		}
		else if (shipment.trackingNumber() != null) {
			tracking = text.get("shipments.number", shipment.trackingNumber());
		}
		else if (shipment.carrier() != null) {
			tracking = text.get("shipments.carrier", shipment.carrier());
		}
		return new OrderPageView.Shipment(shipment.shipmentId(),
				text.get("shipments.shipped", this.wording.moment(shipment.shippedAt(), locale)), items, tracking,
				shipment.trackingUrl());
	}

	private OrderPageView.Line line(OrderView order, OrderLineView line, PageText text, Locale locale, boolean offered,
			@Nullable DelayQuestion delay, @Nullable String replacedBy, @Nullable String refund) {
		String detail = this.wording.describe(order, line, replacedBy, locale);
		String change = null;
		if (line.eta() != null && line.previousEta() != null && !line.eta().equals(line.previousEta())) {
			change = (line.etaChangedAt() != null)
					? text.get("line.was", this.wording.window(line.previousEta(), locale),
							this.wording.moment(line.etaChangedAt(), locale))
					: text.get("line.wasUndated", this.wording.window(line.previousEta(), locale));
		}
		String price = text.get("line.price", line.quantity(),
				this.wording.money(line.unitPriceCents(), line.currency(), locale));
		String amount = this.wording.money((line.quantity() - line.cancelled()) * line.unitPriceCents(),
				line.currency(), locale);
		return new OrderPageView.Line(line.id(), line.productName(), line.quantity(),
				this.wording.badge(line, replacedBy != null, locale),
				(replacedBy != null && line.allocated() + line.waiting() + line.shipped() == 0) ? "done"
						: LineWording.badgeKind(line.status()),
				detail, change, line.waiting(), offered, (delay != null) ? delay(delay, text, locale) : null, price,
				amount, line.cancelled(), refund);
	}

	/** What a delay notice asks, in a sentence: silence means waiting, or it does not. */
	private String delay(DelayQuestion delay, PageText text, Locale locale) {
		Instant answerBy = delay.answerBy();
		String asked;
		if (answerBy != null) {
			asked = text.get(delay.undated() ? "line.delay.answerUndated" : "line.delay.answer",
					this.wording.moment(answerBy, locale), this.wording.date(delay.revisedLatest(), locale));
		}
		else {
			asked = text.get("line.delay.consent", this.wording.date(delay.revisedLatest(), locale));
		}
		return (delay.reason() != null) ? asked + " " + text.get("line.delay.reason", delay.reason()) : asked;
	}

}
