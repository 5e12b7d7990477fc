package com.backorderdesk.notification;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns an outbox row into what the e-mail says: the change in the customer's words, a
 * row per item and the links to act on. An e-mail that no longer has anything worth
 * saying (windows that moved back, a customer who unsubscribed) comes out empty and is
 * not sent.
 */
@Component
class MailComposer {

	// e-mail text is English (messages.properties), so the dates are too
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE, MMM d", Locale.ENGLISH);

	private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE, MMM d 'at' HH:mm",
			Locale.ENGLISH);

	private static final Locale LOCALE = Locale.ENGLISH;

	private final MessageSource messages;

	private final JsonMapper json;

	private final MailSettings settings;

	private final Clock clock;

	MailComposer(MessageSource messages, JsonMapper json, MailSettings settings, Clock clock) {
		this.messages = messages;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Composes one e-mail.
	 * @param mail the row
	 * @param links the signed links of its order, if it has one
	 * @param names product names by SKU
	 * @param baseUrl where customers reach the portal
	 * @return the e-mail, or empty when there is nothing worth sending
	 */
	Optional<MailView> compose(ClaimedMail mail, @Nullable OrderLinks links, Map<String, String> names,
			String baseUrl) {
		if (!mail.wanted()) {
			return Optional.empty();
		}
		JsonNode model = this.json.readTree(mail.model());
		Builder mailText = new Builder(mail, links, baseUrl);
		return switch (mail.kind()) {
			case CONFIRMATION -> Optional.of(confirmation(mailText, model, names));
			case ETA_CHANGED -> etaChanged(mailText, model, names);
			case READY_TO_SHIP -> Optional.of(quantities(mailText, model, names, "ready"));
			case SHIPPED -> Optional.of(quantities(mailText, model, names, "shipped"));
			case CANCELLED -> Optional.of(cancelled(mailText, model, names));
			case SUBSTITUTE_OFFERED, OFFER_EXPIRING -> Optional.of(offer(mailText, model, names));
			case DELAY_NOTICE -> Optional.of(delay(mailText, model, names));
			case BACK_IN_STOCK -> Optional.of(backInStock(mailText, model, names, baseUrl));
		};
	}

	/**
	 * The SKUs an e-mail names, to look their products' names up before composing.
	 * @param mail the row
	 * @return the SKUs
	 */
	Set<String> skus(ClaimedMail mail) {
		JsonNode model = this.json.readTree(mail.model());
		Set<String> skus = new HashSet<>();
		for (JsonNode node : List.of(model, model.path("lines"))) {
			List<JsonNode> items = node.isArray() ? node.valueStream().toList() : List.of(node);
			for (JsonNode item : items) {
				for (String field : List.of("sku", "substituteSku")) {
					if (item.hasNonNull(field)) {
						skus.add(item.path(field).asString());
					}
				}
			}
		}
		return skus;
	}

	private MailView confirmation(Builder mail, JsonNode model, Map<String, String> names) {
		int waiting = 0;
		for (JsonNode line : model.path("lines")) {
			JsonNode after = line.path("after");
			String status = after.path("status").asString("");
			EtaWindowText eta = window(after.path("eta"));
			String change;
			String meaning;
			if (status.equals("ALLOCATED")) {
				change = text("mail.state.ready");
				meaning = text("mail.meaning.shipsSoon");
			}
			else if (status.equals("OUT_OF_STOCK") || eta == null) {
				waiting++;
				change = text("mail.state.undated");
				meaning = text("mail.meaning.undated");
			}
			else {
				waiting++;
				change = describe(after, eta);
				meaning = text("mail.meaning.backordered");
			}
			mail.row(name(names, line), quantity(after), change, meaning);
		}
		mail.subject("mail.confirmation.subject").intro("mail.confirmation.intro", mail.number());
		if (waiting > 0) {
			mail.intro("mail.confirmation.waiting", waiting);
		}
		return mail.view();
	}

	private Optional<MailView> etaChanged(Builder mail, JsonNode model, Map<String, String> names) {
		for (JsonNode line : model.path("lines")) {
			JsonNode before = line.path("before");
			JsonNode after = line.path("after");
			String meaning = significance(before, after);
			if (meaning != null) {
				EtaWindowText was = window(before.path("eta"));
				EtaWindowText now = window(after.path("eta"));
				String change = (now != null) ? text("mail.eta.now", now.text(), (was != null) ? was.text() : "-")
						: text("mail.state.undated");
				mail.row(name(names, line), quantity(after), change, meaning);
			}
		}
		if (mail.rows.isEmpty()) {
			// the net change of the window is too small to be worth an e-mail
			return Optional.empty();
		}
		return Optional.of(mail.subject("mail.eta.subject").intro("mail.eta.intro").view());
	}

	/**
	 * What a net change of a line means, or {@code null} when it is too small to tell.
	 */
	private @Nullable String significance(JsonNode before, JsonNode after) {
		EtaWindowText was = window(before.path("eta"));
		EtaWindowText now = window(after.path("eta"));
		String statusBefore = before.path("status").asString("");
		String statusAfter = after.path("status").asString("");
		if (was != null && now != null) {
			long later = ChronoUnit.DAYS.between(was.latest(), now.latest());
			long earlier = ChronoUnit.DAYS.between(now.earliest(), was.earliest());
			if (later >= this.settings.laterThresholdDays()) {
				return text("mail.meaning.later", later);
			}
			if (earlier >= this.settings.earlierThresholdDays()) {
				return text("mail.meaning.earlier", earlier);
			}
			return null;
		}
		if (was != null && statusAfter.equals("OUT_OF_STOCK")) {
			return text("mail.meaning.lostDate");
		}
		if (was == null && now != null) {
			return text("mail.meaning.gotDate");
		}
		return statusBefore.equals(statusAfter) ? null : text("mail.meaning.changed");
	}

	private MailView quantities(Builder mail, JsonNode model, Map<String, String> names, String what) {
		for (JsonNode line : model.path("lines")) {
			int units = line.has("quantity") ? line.path("quantity").asInt()
					: line.path("after").path("allocated").asInt();
			mail.row(name(names, line), units, text("mail." + what + ".change", units),
					text("mail." + what + ".meaning"));
		}
		return mail.subject("mail." + what + ".subject").intro("mail." + what + ".intro").view();
	}

	private MailView cancelled(Builder mail, JsonNode model, Map<String, String> names) {
		String reason = model.path("reason").asString("");
		int units = model.path("quantity").asInt();
		mail.row(name(names, model), units, text("mail.cancelled.change", units), text("mail.cancelled.meaning"));
		mail.subject("mail.cancelled.subject");
		return mail.intro(reason.equals(DelayNotices.NO_CONSENT) ? "mail.cancelled.noConsent" : "mail.cancelled.intro")
			.view();
	}

	private MailView offer(Builder mail, JsonNode model, Map<String, String> names) {
		long offerId = model.path("offerId").asLong();
		String original = name(names, model);
		String substitute = names.getOrDefault(model.path("substituteSku").asString(""),
				model.path("substituteSku").asString(""));
		int quantity = model.path("quantity").asInt();
		long difference = model.path("priceDifferenceCents").asLong();
		String price = (difference == 0) ? text("mail.offer.samePrice")
				: text((difference > 0) ? "mail.offer.costsMore" : "mail.offer.costsLess",
						money(Math.abs(difference), model.path("currency").asString("EUR")));
		String expires = moment(Instant.parse(model.path("expiresAt").asString()));
		mail.row(original, quantity, text("mail.offer.change", quantity, substitute), price);
		boolean reminder = mail.mail.kind() == MailKind.OFFER_EXPIRING;
		mail.subject(reminder ? "mail.offer.reminderSubject" : "mail.offer.subject", original)
			.intro(reminder ? "mail.offer.reminderIntro" : "mail.offer.intro", original, substitute)
			.action("mail.offer.see", "accept-offer-" + offerId)
			.outro("mail.offer.expires", expires)
			.outro("mail.offer.decline");
		return mail.view();
	}

	private MailView delay(Builder mail, JsonNode model, Map<String, String> names) {
		int round = model.path("round").asInt(1);
		long lineId = model.path("lineId").asLong();
		String item = name(names, model);
		LocalDate revised = LocalDate.parse(model.path("revisedLatest").asString());
		boolean undated = model.path("undated").asBoolean();
		String change = undated ? text("mail.state.undated") : text("mail.delay.revised", DAY.format(revised));
		mail.row(item, model.path("quantity").asInt(), change,
				text("mail.delay.passed", DAY.format(LocalDate.parse(model.path("passedLatest").asString()))));
		mail.subject((round == 1) ? "mail.delay.subject" : "mail.delay.againSubject", item);
		if (round == 1) {
			mail.intro("mail.delay.intro", item)
				.intro(undated ? "mail.delay.consentUndated" : "mail.delay.consent", DAY.format(revised));
		}
		else {
			String answerBy = moment(Instant.parse(model.path("answerBy").asString()));
			mail.intro("mail.delay.againIntro", item).intro("mail.delay.answerNeeded", answerBy);
		}
		mail.action("mail.delay.wait", "wait-line-" + lineId);
		if (model.hasNonNull("offerId")) {
			mail.action("mail.delay.substitute", "accept-offer-" + model.path("offerId").asLong());
		}
		return mail.action("mail.delay.cancel", "cancel-line-" + lineId).outro("mail.delay.rights").view();
	}

	private MailView backInStock(Builder mail, JsonNode model, Map<String, String> names, String baseUrl) {
		String sku = model.path("sku").asString("");
		String product = names.getOrDefault(sku, sku);
		mail.subject("mail.backInStock.subject", product).intro("mail.backInStock.intro", product);
		mail.actions.add(new MailView.Action(text("mail.backInStock.see"), baseUrl + "/products/" + sku));
		return mail.outro("mail.backInStock.once").view();
	}

	private String describe(JsonNode state, EtaWindowText eta) {
		int allocated = state.path("allocated").asInt();
		int unscheduled = state.path("unscheduled").asInt();
		String arrives = text("mail.state.backordered", eta.text());
		if (allocated > 0) {
			arrives = text("mail.state.partReady", allocated) + " " + arrives;
		}
		if (unscheduled > 0) {
			arrives = arrives + " " + text("mail.state.partUndated", unscheduled);
		}
		return arrives;
	}

	private static String name(Map<String, String> names, JsonNode line) {
		String sku = line.path("sku").asString("");
		return names.getOrDefault(sku, sku);
	}

	private static int quantity(JsonNode state) {
		return state.path("allocated").asInt() + state.path("scheduled").asInt() + state.path("unscheduled").asInt();
	}

	private static @Nullable EtaWindowText window(JsonNode eta) {
		String earliest = eta.path("earliest").asString("");
		String latest = eta.path("latest").asString("");
		if (earliest.isEmpty() || latest.isEmpty()) {
			return null;
		}
		return new EtaWindowText(LocalDate.parse(earliest), LocalDate.parse(latest));
	}

	private String moment(Instant instant) {
		return MOMENT.format(ZonedDateTime.ofInstant(instant, this.clock.getZone()));
	}

	private static String money(long cents, String currency) {
		NumberFormat format = NumberFormat.getCurrencyInstance(LOCALE);
		format.setCurrency(Currency.getInstance(currency));
		return format.format(cents / 100.0);
	}

	private String text(String key, Object... args) {
		return this.messages.getMessage(key, args, LOCALE);
	}

	/** A delivery window, written as dates a customer reads. */
	private record EtaWindowText(LocalDate earliest, LocalDate latest) {

		String text() {
			return this.earliest.equals(this.latest) ? DAY.format(this.earliest)
					: DAY.format(this.earliest) + " – " + DAY.format(this.latest);
		}

	}

	/** Collects one e-mail's parts. */
	private final class Builder {

		private final ClaimedMail mail;

		private final @Nullable OrderLinks links;

		private final String baseUrl;

		private String subject = "";

		private final List<String> intro = new ArrayList<>();

		private final List<MailView.Row> rows = new ArrayList<>();

		private final List<MailView.Action> actions = new ArrayList<>();

		private final List<String> outro = new ArrayList<>();

		Builder(ClaimedMail mail, @Nullable OrderLinks links, String baseUrl) {
			this.mail = mail;
			this.links = links;
			this.baseUrl = baseUrl;
		}

		String number() {
			return (this.mail.orderNumber() != null) ? this.mail.orderNumber() : "";
		}

		Builder subject(String key, Object... args) {
			Object[] withNumber = new Object[args.length + 1];
			withNumber[0] = number();
			System.arraycopy(args, 0, withNumber, 1, args.length);
			this.subject = text(key, withNumber);
			return this;
		}

		Builder intro(String key, Object... args) {
			this.intro.add(text(key, args));
			return this;
		}

		Builder outro(String key, Object... args) {
			this.outro.add(text(key, args));
			return this;
		}

		void row(String item, int quantity, String change, String meaning) {
			this.rows.add(new MailView.Row(text("mail.item", quantity, item), change, meaning));
		}

		/**
		 * A link that opens the order with one choice picked out; the page confirms it.
		 */
		Builder action(String key, String focus) {
			if (this.links != null) {
				this.actions.add(new MailView.Action(text(key), this.baseUrl + this.links.view() + "?focus=" + focus));
			}
			return this;
		}

		MailView view() {
			String name = this.mail.customerName();
			String greeting = (name != null) ? text("mail.greeting", name) : text("mail.greetingAnonymous");
			String orderLink = (this.links != null) ? this.baseUrl + this.links.view() : null;
			String unsubscribe = (this.links != null) ? this.baseUrl + this.links.unsubscribe() : null;
			return new MailView(this.subject, greeting, this.intro, this.rows, this.actions, this.outro, orderLink,
					unsubscribe);
		}

	}

	/**
	 * The signed links of one order.
	 *
	 * @param view the path that opens the order, {@code /o/<token>}
	 * @param unsubscribe the path of the unsubscribe page, {@code /unsubscribe/<token>}
	 */
	record OrderLinks(String view, String unsubscribe) {
	}

}
