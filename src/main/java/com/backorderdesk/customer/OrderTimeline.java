package com.backorderdesk.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.orders.DelayNoticed;
import com.backorderdesk.orders.EmailPreferenceChanged;
import com.backorderdesk.orders.ItemCancelled;
import com.backorderdesk.orders.ItemsShipped;
import com.backorderdesk.orders.LineMove;
import com.backorderdesk.orders.LineState;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.LinesReplanned;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderPlaced;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.ShipPreferenceChanged;
import com.backorderdesk.orders.WaitConfirmed;
import com.backorderdesk.substitution.SubstituteAccepted;
import com.backorderdesk.substitution.SubstituteAvailabilityChanged;
import com.backorderdesk.substitution.SubstituteDeclined;
import com.backorderdesk.substitution.SubstituteExpired;
import com.backorderdesk.substitution.SubstituteOffered;
import com.backorderdesk.substitution.SubstituteWithdrawn;
import com.backorderdesk.timeline.Actors;
import com.backorderdesk.timeline.OrderEvent;
import com.backorderdesk.timeline.OrderEventStream;
import com.backorderdesk.timeline.TimelineEvent;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An order's timeline in the words its customer reads on the order page. Staff pages show
 * the same entries (template {@code fragments/timeline :: entries}), so a rep sees
 * exactly what the customer was told. Every entry says what changed, from the typed
 * event; line states are worded by {@link LineWording}, as on the page and in e-mails.
 */
@Component
public class OrderTimeline {

	/** Enough for any real order; a runaway timeline must not make the page huge. */
	static final int LIMIT = 200;

	private final OrderEventStream events;

	private final LineWording wording;

	private final MessageSource messages;

	private final CatalogService catalog;

	OrderTimeline(OrderEventStream events, LineWording wording, MessageSource messages, CatalogService catalog) {
		this.events = events;
		this.wording = wording;
		this.messages = messages;
		this.catalog = catalog;
	}

	/**
	 * Reads and words an order's latest timeline entries.
	 * @param order the order
	 * @param locale the reader's locale
	 * @return the entries, newest first
	 */
	public Mono<List<Entry>> entries(OrderView order, Locale locale) {
		PageText text = new PageText(this.messages, locale);
		Map<String, String> names = order.lines()
			.stream()
			.collect(Collectors.toMap(OrderLineView::sku, OrderLineView::productName, (a, b) -> a));
		return this.events.recent(order.id(), LIMIT).flatMap((events) -> {
			List<String> missing = events.stream()
				.map((event) -> substituteSku(event.event()))
				.filter((sku) -> sku != null && !names.containsKey(sku))
				.distinct()
				.toList();
			Mono<Map<String, String>> all = missing.isEmpty() ? Mono.just(names)
					: this.catalog.findAll(missing).map((products) -> {
						Map<String, String> more = new HashMap<>(names);
						products.forEach((sku, product) -> more.put(sku, product.name()));
						return more;
					});
			return all.map((known) -> events.stream().map((event) -> entry(event, known, text, locale)).toList());
		});
	}

	private static @Nullable String substituteSku(TimelineEvent event) {
		if (event instanceof SubstituteOffered offered) {
			return offered.substituteSku();
		}
		if (event instanceof SubstituteAccepted accepted) {
			return accepted.substituteSku();
		}
		if (event instanceof SubstituteWithdrawn withdrawn) {
			return withdrawn.substituteSku();
		}
		if (event instanceof SubstituteAvailabilityChanged availability) {
			return availability.substituteSku();
		}
		return null;
	}

	private Entry entry(OrderEvent stored, Map<String, String> names, PageText text, Locale locale) {
		TimelineEvent event = stored.event();
		String title = text.getOrDefault("timeline.type." + stored.type(), "timeline.type.other");
		String reason = null;
		List<String> details = new ArrayList<>();
		if (event instanceof OrderPlaced placed) {
			placed.lines()
				.forEach((line) -> details.add(text.get("timeline.line", name(names, line.sku()),
						this.wording.describe(line.after(), locale))));
		}
		else if (event instanceof LinesReplanned replanned) {
			title = text.get(replanned.lines().stream().allMatch(OrderTimeline::windowOnly)
					? "timeline.type.ETA_CHANGED" : "timeline.type.STATUS_CHANGED");
			reason = text.find("timeline.reason." + replanned.reason().name());
			if (replanned.note() != null) {
				reason = (reason != null) ? reason + " " + replanned.note() : replanned.note();
			}
			replanned.lines().forEach((line) -> details.add(moved(name(names, line.sku()), line, text, locale)));
		}
		else if (event instanceof ItemCancelled cancelled) {
			reason = text.find("timeline.cancelled." + cancelled.reason().name());
			details.add(text.get("timeline.cancelledUnits", name(names, cancelled.sku()), cancelled.quantity()));
		}
		else if (event instanceof ItemsShipped shipped) {
			shipped.lines()
				.forEach((item) -> details.add(text.get("timeline.shipped", name(names, item.sku()), item.quantity())));
		}
		else if (event instanceof ShipPreferenceChanged ship) {
			details.add(text.get("preferences.ship." + ship.after().name()));
		}
		else if (event instanceof EmailPreferenceChanged email) {
			details.add(text.get("preferences.email." + email.after().name()));
		}
		else if (event instanceof DelayNoticed delayed) {
			delayed.lines().forEach((line) -> {
				details.add(delayDetail(name(names, line.sku()), line, text, locale));
				if (line.reason() != null) {
					details.add(line.reason());
				}
			});
		}
		else if (event instanceof WaitConfirmed) {
			// the title says it all
		}
		else if (event instanceof SubstituteOffered offered) {
			details.add(text.get("timeline.offered", offered.quantity(), name(names, offered.substituteSku()),
					name(names, offered.sku())));
		}
		else if (event instanceof SubstituteAccepted accepted) {
			details
				.add(text.get("timeline.replaced", name(names, accepted.sku()), name(names, accepted.substituteSku())));
		}
		else if (event instanceof SubstituteDeclined declined) {
			details.add(text.get("timeline.keepWaiting", name(names, declined.sku())));
		}
		else if (event instanceof SubstituteExpired expired) {
			details.add(text.get("timeline.keepWaiting", name(names, expired.sku())));
		}
		else if (event instanceof SubstituteWithdrawn withdrawn) {
			details.add(text.get("timeline.offerClosed", name(names, withdrawn.substituteSku())));
		}
		else if (event instanceof SubstituteAvailabilityChanged availability) {
			title = text.get(availability.available() ? "timeline.offerAvailable" : "timeline.offerUnavailable");
			details.add(text.get("timeline.offerFor", name(names, availability.substituteSku()),
					name(names, availability.sku())));
		}
		if (reason == null && Actors.forCustomer(stored)) {
			reason = text.get("timeline.byCustomerService");
		}
		return new Entry(stored.id(), this.wording.moment(stored.occurredAt(), locale), stored.occurredAt().toString(),
				title, reason, details);
	}

	private static boolean windowOnly(LineMove line) {
		LineState before = line.before();
		return before != null && before.status() == line.after().status()
				&& before.allocated() == line.after().allocated() && before.eta() != null && line.after().eta() != null;
	}

	private String moved(String product, LineMove line, PageText text, Locale locale) {
		LineState before = line.before();
		EtaWindow was = (before != null) ? before.eta() : null;
		EtaWindow now = line.after().eta();
		if (windowOnly(line) && !Objects.equals(was, now)) {
			return text.get("timeline.moved", product, this.wording.window(Objects.requireNonNull(now), locale),
					this.wording.window(Objects.requireNonNull(was), locale));
		}
		return text.get("timeline.line", product, this.wording.describe(line.after(), locale));
	}

	private String delayDetail(String product, DelayNoticed.DelayedLine line, PageText text, Locale locale) {
		if (line.answerBy() != null) {
			return text.get("timeline.delay.answer", product, this.wording.moment(line.answerBy(), locale));
		}
		return text.get("timeline.delay.consent", product,
				(line.revisedLatest() != null) ? this.wording.date(line.revisedLatest(), locale) : "");
	}

	private static String name(Map<String, String> names, @Nullable String sku) {
		return (sku != null) ? names.getOrDefault(sku, sku) : "";
	}

	/**
	 * Something that happened to the order.
	 *
	 * @param id the event's id
	 * @param when when, in the shop's zone
	 * @param whenIso when, as ISO-8601 for {@code <time datetime>}
	 * @param title what happened
	 * @param reason why, when known
	 * @param details what it meant for each line
	 */
	public record Entry(long id, String when, String whenIso, String title, @Nullable String reason,
			List<String> details) {
	}

}
