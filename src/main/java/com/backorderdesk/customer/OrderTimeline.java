package com.backorderdesk.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.integration.RefundPaid;
import com.backorderdesk.orders.DelayNoticed;
import com.backorderdesk.orders.EmailPreferenceChanged;
import com.backorderdesk.orders.ItemCancelled;
import com.backorderdesk.orders.ItemsShipped;
import com.backorderdesk.orders.LineMove;
import com.backorderdesk.orders.LineState;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.LinesReplanned;
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

	/**
	 * The entries an order page shows: the latest, however long the history; the rest is
	 * on the history page, a plain link away.
	 */
	static final int PAGE_ENTRIES = 20;

	/** Entries per page of the history. */
	static final int HISTORY_ENTRIES = 100;

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
	 * @return the latest {@value #PAGE_ENTRIES} entries, newest first, and whether there
	 * are older ones
	 */
	public Mono<Latest> latest(OrderView order, Locale locale) {
		return latest(List.of(order), locale).map((latest) -> latest.getOrDefault(order.id(), Latest.NONE));
	}

	/**
	 * Reads and words the latest timeline entries of several orders, in two queries
	 * whatever their number.
	 * @param orders the orders
	 * @param locale the reader's locale
	 * @return for each order that has events, its latest {@value #PAGE_ENTRIES} entries,
	 * newest first, and whether there are older ones
	 */
	public Mono<Map<Long, Latest>> latest(Collection<OrderView> orders, Locale locale) {
		List<Long> ids = orders.stream().map(OrderView::id).toList();
		return this.events.recent(ids, PAGE_ENTRIES + 1).flatMap((byOrder) -> {
			List<OrderEvent> all = byOrder.values().stream().flatMap(List::stream).toList();
			return names(orders, all).map((names) -> {
				PageText text = new PageText(this.messages, locale);
				Map<Long, OrderView> byId = new HashMap<>();
				orders.forEach((order) -> byId.put(order.id(), order));
				Map<Long, Latest> latest = new HashMap<>();
				byOrder.forEach((orderId, events) -> latest.put(orderId,
						new Latest(events.stream()
							.limit(PAGE_ENTRIES)
							.map((event) -> entry(byId.get(orderId), event, names, text, locale))
							.toList(), events.size() > PAGE_ENTRIES)));
				return latest;
			});
		});
	}

	/**
	 * Reads and words one page of an order's history.
	 * @param order the order
	 * @param beforeId the oldest entry of the page before, or {@code null} for the newest
	 * page
	 * @param locale the reader's locale
	 * @return up to {@value #HISTORY_ENTRIES} entries before that one, newest first, and
	 * whether there are older ones
	 */
	public Mono<Latest> history(OrderView order, @Nullable Long beforeId, Locale locale) {
		return this.events.before(order.id(), (beforeId != null) ? beforeId : Long.MAX_VALUE, HISTORY_ENTRIES + 1)
			.flatMap((events) -> names(List.of(order), events).map((names) -> {
				PageText text = new PageText(this.messages, locale);
				return new Latest(events.stream()
					.limit(HISTORY_ENTRIES)
					.map((event) -> entry(order, event, names, text, locale))
					.toList(), events.size() > HISTORY_ENTRIES);
			}));
	}

	/**
	 * Reads where a page of history starts from a link's query parameter.
	 * @param before the {@code before} parameter: an event id
	 * @return the id, or {@code null} for the newest page when the parameter is absent or
	 * not a positive id
	 */
	public static @Nullable Long beforeId(@Nullable String before) {
		if (before == null || before.isBlank() || before.length() > 18) {
			return null;
		}
		try {
			long id = Long.parseLong(before.strip());
			return (id > 0) ? id : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Product names by SKU: the orders' own, and the substitutes their events name. */
	private Mono<Map<String, String>> names(Collection<OrderView> orders, List<OrderEvent> events) {
		Map<String, String> names = new HashMap<>();
		orders.forEach((order) -> order.lines().forEach((line) -> names.putIfAbsent(line.sku(), line.productName())));
		List<String> missing = events.stream()
			.map((event) -> substituteSku(event.event()))
			.filter((sku) -> sku != null && !names.containsKey(sku))
			.distinct()
			.toList();
		if (missing.isEmpty()) {
			return Mono.just(names);
		}
		return this.catalog.findAll(missing).map((products) -> {
			products.forEach((sku, product) -> names.put(sku, product.name()));
			return names;
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

	private Entry entry(OrderView order, OrderEvent stored, Map<String, String> names, PageText text, Locale locale) {
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
		else if (event instanceof WaitConfirmed confirmed) {
			order.lines()
				.stream()
				.filter((line) -> line.id() == confirmed.lineId())
				.findFirst()
				.ifPresent((line) -> details.add(text.get("timeline.keepWaiting", line.productName())));
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
		else if (event instanceof RefundPaid paid) {
			details.add(text.get("timeline.refundPaid", name(names, paid.sku()),
					this.wording.money(paid.amountCents(), paid.currency(), locale)));
		}
		else if (event instanceof SubstituteAvailabilityChanged availability) {
			title = text.get(availability.available() ? "timeline.offerAvailable" : "timeline.offerUnavailable");
			details.add(text.get("timeline.offerFor", name(names, availability.substituteSku()),
					name(names, availability.sku())));
		}
		if (reason == null && Actors.forCustomer(stored)) {
			reason = text.get("timeline.byCustomerService");
		}
		// an order placed in the shop before it reached us is dated when it was placed
		Instant when = (event instanceof OrderPlaced) ? order.placedAt() : stored.occurredAt();
		return new Entry(stored.id(), this.wording.moment(when, locale), when.toString(), title, reason, details);
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

	/**
	 * The newest entries of a timeline, or of one page of it.
	 *
	 * @param entries the entries, newest first
	 * @param more whether older entries exist
	 */
	public record Latest(List<Entry> entries, boolean more) {

		/** An order without events. */
		public static final Latest NONE = new Latest(List.of(), false);

		/**
		 * The id of the newest entry.
		 * @return the id, 0 when there is none
		 */
		public long lastEventId() {
			return this.entries.isEmpty() ? 0 : this.entries.get(0).id();
		}

		/**
		 * The id of the oldest entry, where the next page of history starts.
		 * @return the id, 0 when there is none
		 */
		public long oldestEventId() {
			return this.entries.isEmpty() ? 0 : this.entries.get(this.entries.size() - 1).id();
		}

	}

}
