package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.language.Languages;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.DelayNoticed;
import com.backorderdesk.orders.DelayQuestion;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.integration.RefundView;
import com.backorderdesk.orders.ItemCancelled;
import com.backorderdesk.orders.ItemsShipped;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstituteAccepted;
import com.backorderdesk.substitution.SubstituteAvailabilityChanged;
import com.backorderdesk.substitution.SubstituteOffered;
import com.backorderdesk.timeline.Actors;
import com.backorderdesk.timeline.OrderEvent;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Composes an order's e-mail when it is sent, from the order as it is now against what
 * its customer was last told: the confirmation the first time, then for each line what
 * changed since (shipped, cancelled, ready, no longer ready, the net move of its window),
 * the delay notices and substitute offers still open, and the reminders of offers about
 * to expire. A state the line has left is never described; what the customer does not
 * want to hear is left out, except what the law requires (see {@link MailContent}). Lines
 * are worded by {@link LineWording}, as on the order page, and the whole e-mail is
 * written in the order's language (the default language when it has none).
 */
@Component
class OrderMailComposer {

	/** The order in which news decides the subject: the most important first. */
	private static final List<MailContent> PRIORITY = List.of(MailContent.FULL_STATUS, MailContent.CONFIRMATION,
			MailContent.DELAY_NOTICE, MailContent.CANCELLED, MailContent.SHIPPED, MailContent.NO_LONGER_READY,
			MailContent.SUBSTITUTE_OFFERED, MailContent.OFFER_EXPIRING, MailContent.ITEM_ADDED, MailContent.LOST_DATE,
			MailContent.WINDOW_LATER, MailContent.WINDOW_EARLIER, MailContent.GOT_DATE, MailContent.READY,
			MailContent.STILL_WAITING);

	private final LineWording wording;

	private final MessageSource messages;

	private final MailSettings settings;

	private final Clock clock;

	OrderMailComposer(LineWording wording, MessageSource messages, MailSettings settings, Clock clock) {
		this.wording = wording;
		this.messages = messages;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Composes one order's e-mail.
	 * @param news the order now, what its customer was told, what happened since
	 * @param fullStatus whether to tell where every item stands, whatever was told before
	 * and whatever the customer's preference (staff resend it because they asked)
	 * @param stillWaiting whether, when nothing else is to be told, to tell where each
	 * waiting item stands (a customer who heard nothing for a while)
	 * @param links the order's signed links, if it has them
	 * @return the e-mail, what it tells and what the customer will then have been told;
	 * without an e-mail when there is nothing the customer wants or must hear
	 */
	Composed compose(OrderNews news, boolean fullStatus, boolean stillWaiting, @Nullable OrderLinks links) {
		OrderView order = news.order();
		EmailPreference preference = fullStatus ? EmailPreference.EVERY_UPDATE : order.emailPreference();
		Letter letter = new Letter(order, links, Languages.supported(order.locale()));
		Map<Long, Told.Line> told = new HashMap<>();
		Map<Long, ItemCancelled> cancellations = new HashMap<>();
		Map<Long, SubstituteAccepted> replacements = new HashMap<>();
		Set<Long> acceptedForCustomer = new LinkedHashSet<>();
		Set<Long> offered = new LinkedHashSet<>();
		Map<Long, Integer> delayed = new HashMap<>();
		Map<Long, List<ItemsShipped>> shipments = new HashMap<>();
		Set<Long> eventIds = new HashSet<>();
		for (OrderEvent event : news.events()) {
			eventIds.add(event.id());
			if (event.event() instanceof ItemsShipped shipped) {
				shipped.lines()
					.forEach(
							(item) -> shipments.computeIfAbsent(item.lineId(), (id) -> new ArrayList<>()).add(shipped));
			}
			if (event.event() instanceof ItemCancelled cancelled) {
				cancellations.put(cancelled.lineId(), cancelled);
			}
			else if (event.event() instanceof SubstituteAccepted accepted) {
				replacements.put(accepted.newLineId(), accepted);
				if (Actors.forCustomer(event)) {
					acceptedForCustomer.add(accepted.newLineId());
				}
			}
			else if (event.event() instanceof SubstituteOffered offer) {
				offered.add(offer.offerId());
			}
			else if (event.event() instanceof SubstituteAvailabilityChanged availability && availability.available()) {
				// an offer that could not be told while its substitute was sold out
				offered.add(availability.offerId());
			}
			else if (event.event() instanceof DelayNoticed notice) {
				notice.lines().forEach((line) -> delayed.merge(line.lineId(), line.round(), Math::max));
			}
		}
		Map<Long, DelayQuestion> questions = new HashMap<>();
		for (DelayQuestion question : news.questions()) {
			// a notice the customer was told of before needs no second e-mail
			if (delayed.containsKey(question.lineId()) && question.round() >= delayed.get(question.lineId())) {
				questions.put(question.lineId(), question);
			}
		}
		boolean first = news.told().lines().isEmpty();
		MailContent overview = fullStatus ? MailContent.FULL_STATUS
				: (first && MailContent.CONFIRMATION.wanted(preference)) ? MailContent.CONFIRMATION : null;
		for (OrderLineView line : order.lines()) {
			DelayQuestion question = questions.get(line.id());
			if (overview != null) {
				letter.overview(overview, line, question);
				told.put(line.id(), told(line));
				continue;
			}
			if (question != null) {
				letter.delay(line, question, offerFor(news.offers(), line.id()));
				told.put(line.id(), told(line));
				continue;
			}
			Told.Line was = news.told().lines().get(line.id());
			if (was == null && !first) {
				SubstituteAccepted replacement = replacements.get(line.id());
				if (MailContent.ITEM_ADDED.wanted(preference)) {
					letter.added(line, replacement, acceptedForCustomer.contains(line.id()));
					told.put(line.id(), told(line));
				}
				continue;
			}
			List<LineNews.Change> changes = LineNews
				.between(was, line, this.settings.laterThresholdDays(), this.settings.earlierThresholdDays())
				.stream()
				.filter((change) -> change.content().wanted(preference))
				.toList();
			if (!changes.isEmpty()) {
				letter.changed(line, changes, cancellations.get(line.id()),
						refunded(news, line.id(), eventIds, letter.locale),
						shipments.getOrDefault(line.id(), List.of()));
				told.put(line.id(), told(line));
			}
		}
		Set<Long> reminded = new LinkedHashSet<>();
		Instant now = this.clock.instant();
		for (OfferView offer : news.offers()) {
			if (!offer.available() || offer.expiresAt().isBefore(now)) {
				continue;
			}
			if (offered.contains(offer.id())) {
				if (MailContent.SUBSTITUTE_OFFERED.wanted(preference)) {
					letter.offer(offer, false);
				}
			}
			else if (!news.told().remindedOffers().contains(offer.id())
					&& !offer.expiresAt().isAfter(now.plus(this.settings.offerReminderBefore()))
					&& MailContent.OFFER_EXPIRING.wanted(preference)) {
				letter.offer(offer, true);
				reminded.add(offer.id());
			}
		}
		if (stillWaiting && letter.contents.isEmpty() && MailContent.STILL_WAITING.wanted(preference)) {
			for (OrderLineView line : order.lines()) {
				if (line.waiting() > 0) {
					DelayQuestion question = questions.get(line.id());
					String note = news.notes().get(line.id());
					letter.stillWaiting(line, (note != null) ? note : (question != null) ? question.reason() : null);
					told.put(line.id(), told(line));
				}
			}
		}
		Told after = new Told(order.id(), told, news.lastEventId(), reminded);
		if (letter.contents.isEmpty()) {
			return new Composed(null, List.of(), after, nothingToTell(preference, news));
		}
		List<MailContent> contents = PRIORITY.stream().filter(letter.contents::contains).toList();
		return new Composed(letter.view(), contents, after, null);
	}

	private String nothingToTell(EmailPreference preference, OrderNews news) {
		if (preference == EmailPreference.NONE) {
			return "the customer chose no e-mails, and nothing happened that the law requires us to tell";
		}
		if (news.events().isEmpty()) {
			return "nothing happened since the last e-mail";
		}
		return (preference == EmailPreference.IMPORTANT_ONLY)
				? "nothing important changed since the last e-mail (the customer chose only important ones)"
				: "nothing changed since the last e-mail by enough to tell (a window moved and moved back, or less than the thresholds)";
	}

	/**
	 * The money the news makes due back for a line's cancelled units, as "€42.00", or
	 * {@code null} when none is.
	 */
	private @Nullable String refunded(OrderNews news, long lineId, Set<Long> eventIds, Locale locale) {
		long cents = 0;
		String currency = null;
		for (RefundView refund : news.refunds()) {
			if (refund.lineId() == lineId && eventIds.contains(refund.orderEventId())) {
				cents += refund.amountCents();
				currency = refund.currency();
			}
		}
		return (currency != null) ? this.wording.money(cents, currency, locale) : null;
	}

	private static @Nullable OfferView offerFor(List<OfferView> offers, long lineId) {
		return offers.stream()
			.filter((offer) -> offer.lineId() == lineId && offer.available())
			.findFirst()
			.orElse(null);
	}

	private static Told.Line told(OrderLineView line) {
		return new Told.Line(line.state(), line.shipped(), line.cancelled());
	}

	/**
	 * A composed e-mail.
	 *
	 * @param view what it says, or {@code null} when nothing is to be sent
	 * @param contents what it tells, most important first
	 * @param told what the customer will have been told once it is sent
	 * @param skipped why nothing is sent, for staff; {@code null} when something is
	 */
	record Composed(@Nullable MailView view, List<MailContent> contents, Told told, @Nullable String skipped) {

		/**
		 * The most important thing it tells, or {@code null} when it tells nothing.
		 * @return the main content
		 */
		@Nullable MailContent main() {
			return this.contents.isEmpty() ? null : this.contents.get(0);
		}

	}

	/**
	 * The signed links of one order.
	 *
	 * @param view the full address that opens the order, {@code https://.../o/<token>}
	 * @param unsubscribe the full address of its unsubscribe page
	 */
	record OrderLinks(String view, String unsubscribe) {
	}

	/** Collects one e-mail's parts as the lines are looked at. */
	private final class Letter {

		private final OrderView order;

		private final @Nullable OrderLinks links;

		private final Set<MailContent> contents = EnumSet.noneOf(MailContent.class);

		private final List<MailView.Row> rows = new ArrayList<>();

		private final List<MailView.Action> actions = new ArrayList<>();

		private final Set<String> intro = new LinkedHashSet<>();

		private final Set<String> outro = new LinkedHashSet<>();

		private @Nullable String delayedItem;

		private @Nullable String offeredFor;

		private boolean answerNeeded;

		/** The language the e-mail is written in: the order's, else the default. */
		private final Locale locale;

		Letter(OrderView order, @Nullable OrderLinks links, Locale locale) {
			this.order = order;
			this.links = links;
			this.locale = locale;
		}

		private String text(String key, Object... args) {
			return OrderMailComposer.this.messages.getMessage(key, args, this.locale);
		}

		void overview(MailContent content, OrderLineView line, @Nullable DelayQuestion question) {
			this.contents.add(content);
			this.rows.add(new MailView.Row(item(line), now(line), meaning(line)));
			if (question != null) {
				delayAsked(line, question);
			}
		}

		void delay(OrderLineView line, DelayQuestion question, @Nullable OfferView offer) {
			this.contents.add(MailContent.DELAY_NOTICE);
			String change = question.undated() ? text("mail.delay.undated") : text("mail.delay.revised",
					OrderMailComposer.this.wording.date(question.revisedLatest(), this.locale));
			String meaning = text("mail.delay.passed",
					OrderMailComposer.this.wording.date(question.passedLatest(), this.locale));
			if (question.reason() != null) {
				meaning = meaning + " " + text("mail.delay.reason", question.reason());
			}
			this.rows.add(new MailView.Row(item(line), change + " " + now(line), meaning));
			delayAsked(line, question);
			if (offer != null) {
				action("mail.delay.substitute", "accept-offer-" + offer.id());
			}
		}

		private void delayAsked(OrderLineView line, DelayQuestion question) {
			this.contents.add(MailContent.DELAY_NOTICE);
			String name = line.productName();
			if (this.delayedItem == null) {
				this.delayedItem = name;
			}
			String revised = OrderMailComposer.this.wording.date(question.revisedLatest(), this.locale);
			this.intro.add(text((question.round() == 1) ? "mail.delay.intro" : "mail.delay.againIntro", name));
			if (question.answerBy() != null) {
				this.answerNeeded = true;
				this.intro.add(text(question.undated() ? "mail.delay.answerUndated" : "mail.delay.answerNeeded", name,
						OrderMailComposer.this.wording.moment(question.answerBy(), this.locale)));
			}
			else {
				this.intro.add(text("mail.delay.consent", name, revised));
			}
			action("mail.delay.wait", "wait-line-" + line.id());
			action("mail.delay.cancel", "cancel-line-" + line.id());
			this.outro.add(text("mail.delay.rights"));
		}

		void added(OrderLineView line, @Nullable SubstituteAccepted replacement, boolean forCustomer) {
			this.contents.add(MailContent.ITEM_ADDED);
			String change = (replacement != null) ? text("mail.added.replaces", name(replacement.sku()), now(line))
					: now(line);
			if (forCustomer) {
				// the one change of this kind a customer did not make themselves
				change = text("mail.added.byCustomerService") + " " + change;
			}
			this.rows.add(new MailView.Row(item(line), change, meaning(line)));
		}

		void changed(OrderLineView line, List<LineNews.Change> changes, @Nullable ItemCancelled cancellation,
				@Nullable String refund, List<ItemsShipped> shipped) {
			List<String> what = new ArrayList<>();
			List<String> meanings = new ArrayList<>();
			boolean describedNow = false;
			for (LineNews.Change change : changes) {
				this.contents.add(change.content());
				switch (change.content()) {
					case CANCELLED -> {
						what.add(text("mail.cancelled.change", change.units()));
						CancelReason reason = (cancellation != null) ? cancellation.reason() : CancelReason.OTHER;
						meanings.add((refund != null) ? text("mail.cancelled.refund." + reason.name(), refund)
								: text("mail.cancelled.meaning." + reason.name()));
						this.intro.add(text("mail.cancelled.intro." + reason.name()));
					}
					case SHIPPED -> {
						what.add(text("mail.shipped.change", change.units()));
						meanings.add(text("mail.shipped.meaning"));
						shipped.forEach(this::tracking);
					}
					case NO_LONGER_READY -> {
						what.add(text("mail.notReady.change", change.units(), now(line)));
						meanings.add(text("mail.notReady.meaning"));
						describedNow = true;
					}
					case READY -> {
						what.add(text("mail.ready.change", change.units()));
						meanings.add(text("mail.ready.meaning"));
					}
					case WINDOW_LATER, WINDOW_EARLIER -> {
						what.add(text("mail.eta.now", window(change.after()), window(change.before())));
						meanings.add(text((change.content() == MailContent.WINDOW_LATER) ? "mail.meaning.later"
								: "mail.meaning.earlier", change.units()));
					}
					case GOT_DATE -> {
						what.add(text("mail.gotDate.change", window(change.after())));
						meanings.add(text("mail.gotDate.meaning"));
					}
					case LOST_DATE -> {
						what.add(text("mail.lostDate.change", change.units()));
						meanings.add(text("mail.lostDate.meaning"));
					}
					default -> throw new IllegalStateException("Not a line change: " + change.content());
				}
			}
			boolean open = line.allocated() + line.waiting() > 0;
			boolean windowOnly = changes.stream()
				.allMatch((change) -> change.content() == MailContent.WINDOW_LATER
						|| change.content() == MailContent.WINDOW_EARLIER)
					&& line.status() == LineStatus.BACKORDERED && line.unscheduled() == 0;
			if (open && !describedNow && !windowOnly) {
				what.add(text("mail.stillOpen", now(line)));
			}
			this.rows.add(new MailView.Row(item(line), String.join(" ", what), String.join(" ", meanings)));
		}

		void stillWaiting(OrderLineView line, @Nullable String reason) {
			this.contents.add(MailContent.STILL_WAITING);
			String meaning = (reason != null) ? text("mail.stillWaiting.reason", reason)
					: text("mail.stillWaiting.noNews");
			this.rows.add(new MailView.Row(item(line), now(line), meaning));
			action("mail.delay.cancel", "cancel-line-" + line.id());
		}

		void offer(OfferView offer, boolean reminder) {
			this.contents.add(reminder ? MailContent.OFFER_EXPIRING : MailContent.SUBSTITUTE_OFFERED);
			OrderLineView line = this.order.lines()
				.stream()
				.filter((candidate) -> candidate.id() == offer.lineId())
				.findFirst()
				.orElse(null);
			String original = (line != null) ? line.productName() : "";
			if (this.offeredFor == null) {
				this.offeredFor = original;
			}
			long difference = offer.priceDifferenceCents();
			String price = (difference == 0) ? text("mail.offer.samePrice")
					: text((difference > 0) ? "mail.offer.costsMore" : "mail.offer.costsLess",
							OrderMailComposer.this.wording.money(Math.abs(difference), offer.currency(), this.locale));
			this.rows.add(new MailView.Row(text("mail.item", offer.quantity(), original),
					text("mail.offer.change", offer.quantity(), offer.substituteName()), price));
			this.intro.add(
					text(reminder ? "mail.offer.reminderIntro" : "mail.offer.intro", original, offer.substituteName()));
			action("mail.offer.see", "accept-offer-" + offer.id());
			this.outro
				.add(text("mail.offer.expires", OrderMailComposer.this.wording.moment(offer.expiresAt(), this.locale)));
			this.outro.add(text("mail.offer.decline"));
		}

		/** How to follow a shipment: in the row, and as a link below the table. */
		private void tracking(ItemsShipped shipment) {
			if (shipment.carrier() != null || shipment.trackingNumber() != null) {
				this.outro.add(text("mail.shipped.tracking", shipment.shipmentId(),
						Objects.requireNonNullElse(shipment.carrier(), "-"),
						Objects.requireNonNullElse(shipment.trackingNumber(), "-")));
			}
			String url = shipment.trackingUrl();
			if (url != null && this.actions.stream().noneMatch((action) -> action.href().equals(url))) {
				this.actions.add(new MailView.Action(text("mail.shipped.track", shipment.shipmentId()), url));
			}
		}

		private void action(String key, String focus) {
			if (this.links != null) {
				String label = text(key);
				String href = this.links.view() + "?focus=" + focus;
				if (this.actions.stream().noneMatch((action) -> action.href().equals(href))) {
					this.actions.add(new MailView.Action(label, href));
				}
			}
		}

		private String item(OrderLineView line) {
			return text("mail.item", line.quantity(), line.productName());
		}

		private String now(OrderLineView line) {
			return OrderMailComposer.this.wording.describe(this.order, line, null, this.locale);
		}

		private String meaning(OrderLineView line) {
			return switch (line.status()) {
				case ALLOCATED -> text("mail.meaning.shipsSoon");
				case PARTIALLY_ALLOCATED -> text("mail.meaning.partly");
				case BACKORDERED ->
					(line.unscheduled() > 0) ? text("mail.meaning.partlyUndated") : text("mail.meaning.backordered");
				case OUT_OF_STOCK -> text("mail.meaning.undated");
				case SHIPPED -> text("mail.shipped.meaning");
				case CANCELLED -> text("mail.cancelled.meaning.OTHER");
			};
		}

		private String window(@Nullable EtaWindow window) {
			return (window != null) ? OrderMailComposer.this.wording.window(window, this.locale) : "-";
		}

		private String name(String sku) {
			return this.order.lines()
				.stream()
				.filter((line) -> line.sku().equals(sku))
				.map(OrderLineView::productName)
				.findFirst()
				.orElse(sku);
		}

		MailView view() {
			MailContent main = PRIORITY.stream()
				.filter(this.contents::contains)
				.findFirst()
				.orElseGet(() -> this.contents.iterator().next());
			String number = this.order.number();
			String subject = switch (main) {
				case DELAY_NOTICE ->
					text(this.answerNeeded ? "mail.subject.DELAY_NOTICE_ANSWER" : "mail.subject.DELAY_NOTICE", number,
							Objects.requireNonNullElse(this.delayedItem, ""));
				case SUBSTITUTE_OFFERED, OFFER_EXPIRING ->
					text("mail.subject." + main.name(), number, Objects.requireNonNullElse(this.offeredFor, ""));
				default -> text("mail.subject." + main.name(), number);
			};
			List<String> paragraphs = new ArrayList<>();
			if (main == MailContent.CONFIRMATION) {
				paragraphs.add(text("mail.confirmation.intro", number));
				long waiting = this.order.lines().stream().filter((line) -> line.waiting() > 0).count();
				if (waiting > 0) {
					paragraphs.add(text("mail.confirmation.waiting", waiting));
				}
			}
			else if (main == MailContent.FULL_STATUS) {
				paragraphs.add(text("mail.fullStatus.intro", number));
			}
			else if (main == MailContent.STILL_WAITING) {
				paragraphs.add(text("mail.stillWaiting.intro", number));
			}
			else {
				paragraphs.add(text("mail.changes.intro", number));
			}
			paragraphs.addAll(this.intro);
			String greeting = text("mail.greeting", this.order.customerName());
			String orderLink = (this.links != null) ? this.links.view() : null;
			String unsubscribe = (this.links != null) ? this.links.unsubscribe() : null;
			return new MailView(subject, greeting, paragraphs, this.rows, this.actions, List.copyOf(this.outro),
					orderLink, unsubscribe, this.locale);
		}

	}

}
