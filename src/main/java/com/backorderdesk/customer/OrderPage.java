package com.backorderdesk.customer;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Currency;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.integration.RefundView;
import com.backorderdesk.integration.Refunds;
import com.backorderdesk.orders.DelayNotices;
import com.backorderdesk.orders.DelayQuestion;
import com.backorderdesk.orders.LineStatus;
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
 * Turns an order and its timeline into the status page's text: quantities, statuses and
 * windows become sentences a customer understands without knowing our vocabulary.
 */
@Component
class OrderPage {

	private final OrderTimeline timeline;

	private final SubstitutionService substitutions;

	private final DelayNotices delays;

	private final LineWording dates;

	private final MessageSource messages;

	private final Refunds refunds;

	private final Shipments shipments;

	OrderPage(OrderTimeline timeline, SubstitutionService substitutions, DelayNotices delays, LineWording dates,
			MessageSource messages, Refunds refunds, Shipments shipments) {
		this.timeline = timeline;
		this.substitutions = substitutions;
		this.delays = delays;
		this.dates = dates;
		this.messages = messages;
		this.refunds = refunds;
		this.shipments = shipments;
	}

	Mono<OrderPageView> build(OrderView order, Locale locale) {
		return Mono
			.zip(this.timeline.entries(order, locale), this.substitutions.openOffers(order.id()),
					this.delays.openQuestions(order.id()), this.refunds.ofOrders(List.of(order.id())),
					this.shipments.ofOrders(List.of(order.id())))
			.map((loaded) -> {
				List<RefundView> refunded = loaded.getT4().getOrDefault(order.id(), List.of());
				List<ShipmentView> shipped = loaded.getT5().getOrDefault(order.id(), List.of());
				List<OrderTimeline.Entry> timeline = loaded.getT1();
				List<OfferView> open = loaded.getT2();
				Map<Long, DelayQuestion> delayed = loaded.getT3()
					.stream()
					.collect(Collectors.toMap(DelayQuestion::lineId, (question) -> question));
				Set<Long> offered = open.stream().map(OfferView::lineId).collect(Collectors.toSet());
				PageText text = new PageText(this.messages, locale);
				Map<Long, String> names = order.lines()
					.stream()
					.collect(Collectors.toMap(OrderLineView::id, OrderLineView::productName));
				long lastEventId = timeline.isEmpty() ? 0 : timeline.get(0).id();
				List<OrderPageView.Offer> offers = open.stream()
					.map((offer) -> offer(offer, names, text, locale))
					.toList();
				return new OrderPageView(order.id(), order.number(), summary(order.lines(), text, locale),
						order.lines()
							.stream()
							.map((line) -> line(line, text, locale, offered.contains(line.id()), delayed.get(line.id()),
									refund(refunded, line.id(), text, locale)))
							.toList(),
						timeline, lastEventId, offers, order.shipPreference().name(), order.emailPreference().name(),
						shipped.stream().map((one) -> shipment(one, names, text, locale)).toList());
			});
	}

	private OrderPageView.Offer offer(OfferView offer, Map<Long, String> names, PageText text, Locale locale) {
		String original = names.getOrDefault(offer.lineId(), "");
		String price;
		if (offer.priceDifferenceCents() == 0) {
			price = text.get("offer.samePrice");
		}
		else {
			NumberFormat money = NumberFormat.getCurrencyInstance(locale);
			money.setCurrency(Currency.getInstance(offer.currency()));
			String amount = money.format(Math.abs(offer.priceDifferenceCents()) / 100.0);
			price = text.get((offer.priceDifferenceCents() > 0) ? "offer.costsMore" : "offer.costsLess", amount);
		}
		String note = offer.note().isBlank() ? null : offer.note();
		return new OrderPageView.Offer(offer.id(), offer.lineId(),
				text.get("offer.text", offer.quantity(), offer.substituteName(), original), price,
				text.get("offer.expires", this.dates.moment(offer.expiresAt(), locale)), note, offer.available());
	}

	private String summary(List<OrderLineView> lines, PageText text, Locale locale) {
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
		String window = windows.isEmpty() ? "" : this.dates.window(envelope(windows), locale);
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
	private static @Nullable String refund(List<RefundView> refunds, long lineId, PageText text, Locale locale) {
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
			said.add(text.get("line.refundDue", money(due, currency, locale)));
		}
		if (paid > 0) {
			said.add(text.get("line.refunded", money(paid, currency, locale)));
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
				text.get("shipments.shipped", this.dates.moment(shipment.shippedAt(), locale)), items, tracking,
				shipment.trackingUrl());
	}

	private static String money(long cents, String currency, Locale locale) {
		NumberFormat money = NumberFormat.getCurrencyInstance(locale);
		money.setCurrency(Currency.getInstance(currency));
		return money.format(cents / 100.0);
	}

	private OrderPageView.Line line(OrderLineView line, PageText text, Locale locale, boolean offered,
			@Nullable DelayQuestion delay, @Nullable String refund) {
		String detail = this.dates.describe(line.state(), locale);
		if (line.shipped() > 0 && line.status() != LineStatus.SHIPPED) {
			detail = text.get("line.alreadyShipped", line.shipped()) + " " + detail;
		}
		String change = null;
		if (line.eta() != null && line.previousEta() != null && !line.eta().equals(line.previousEta())) {
			change = (line.etaChangedAt() != null)
					? text.get("line.was", this.dates.window(line.previousEta(), locale),
							this.dates.moment(line.etaChangedAt(), locale))
					: text.get("line.wasUndated", this.dates.window(line.previousEta(), locale));
		}
		return new OrderPageView.Line(line.id(), line.productName(), line.quantity(),
				this.dates.badge(line.status(), locale), LineWording.badgeKind(line.status()), detail, change,
				line.waiting(), offered, (delay != null) ? delay(delay, text, locale) : null, refund);
	}

	/** What a delay notice asks, in a sentence: silence means waiting, or it does not. */
	private String delay(DelayQuestion delay, PageText text, Locale locale) {
		Instant answerBy = delay.answerBy();
		String asked;
		if (answerBy != null) {
			asked = text.get(delay.undated() ? "line.delay.answerUndated" : "line.delay.answer",
					this.dates.moment(answerBy, locale), this.dates.date(delay.revisedLatest(), locale));
		}
		else {
			asked = text.get("line.delay.consent", this.dates.date(delay.revisedLatest(), locale));
		}
		return (delay.reason() != null) ? asked + " " + text.get("line.delay.reason", delay.reason()) : asked;
	}

}
