package com.backorderdesk.staff.orders;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.ShipPreference;
import com.backorderdesk.substitution.OfferStatus;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.timeline.Actors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * What a rep does for a customer on the phone, through the very services the customer's
 * own buttons call ({@link OrderChoices}, {@link SubstitutionService}), so every rule,
 * re-plan, event and e-mail is the same. Each action and its audit entry (the rep's
 * username and the reason they gave) commit in one transaction; the order's events carry
 * the actor {@link Actors#staff}, which the customer reads as "done by our customer
 * service".
 */
@Component
class CustomerActions {

	/** The longest reason a rep may give; the audit log keeps it whole. */
	static final int MAX_REASON = 500;

	private final OrderChoices choices;

	private final SubstitutionService substitutions;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	CustomerActions(OrderChoices choices, SubstitutionService substitutions, AuditLog audit,
			TransactionalOperator transactions) {
		this.choices = choices;
		this.substitutions = substitutions;
		this.audit = audit;
		this.transactions = transactions;
	}

	/**
	 * Checks the reason a rep gives for acting.
	 * @param reason as typed
	 * @return the reason, stripped; an {@link com.backorderdesk.InvalidValueException}
	 * for field {@code reason} when it is empty, longer than {@value #MAX_REASON}
	 * characters or holds control characters
	 */
	static String reason(@Nullable String reason) {
		return InputRules.paragraphs("reason", reason, 1, MAX_REASON);
	}

	/**
	 * Cancels waiting units of a line.
	 * @param line the line as the page showed it
	 * @param units how many of its waiting units
	 * @return the units cancelled, 0 when nothing waited any more
	 */
	Mono<Integer> cancel(String orderNumber, OrderDetailView.Line line, int units, String reason, String rep) {
		return this.choices.cancelWaiting(orderNumber, line.id(), units, CancelReason.STAFF_REQUEST, Actors.staff(rep))
			.flatMap((cancelled) -> (cancelled == 0) ? Mono.just(0)
					: record(rep, "ITEM_CANCELLED_FOR_CUSTOMER", orderNumber,
							fields("line", line.lineNo() + " · " + line.sku(), "waiting", line.waiting()),
							fields("line", line.lineNo() + " · " + line.sku(), "waiting", line.waiting() - cancelled,
									"cancelled", cancelled, "reason", reason))
						.thenReturn(cancelled))
			.as(this.transactions::transactional);
	}

	/**
	 * Answers a delay notice: the customer keeps waiting.
	 * @return whether there was a notice to answer
	 */
	Mono<Boolean> keepWaiting(String orderNumber, OrderDetailView.Line line, String reason, String rep) {
		return this.choices.confirmWait(orderNumber, line.id(), Actors.staff(rep))
			.flatMap((answered) -> !answered ? Mono.just(false)
					: record(rep, "WAIT_CONFIRMED_FOR_CUSTOMER", orderNumber,
							fields("line", line.lineNo() + " · " + line.sku(), "answer", "none"),
							fields("line", line.lineNo() + " · " + line.sku(), "answer", "keep waiting", "reason",
									reason))
						.thenReturn(true))
			.as(this.transactions::transactional);
	}

	/**
	 * Accepts an offer; a substitute sold out meanwhile refuses it, and nothing changes.
	 * @return the offer as it is now
	 */
	Mono<OfferView> accept(String orderNumber, long offerId, String reason, String rep) {
		return this.substitutions.accept(orderNumber, offerId, Actors.staff(rep))
			.flatMap((offer) -> decided(orderNumber, offer, OfferStatus.ACCEPTED, reason, rep))
			.as(this.transactions::transactional);
	}

	/**
	 * Declines an offer: the customer keeps waiting for the original.
	 * @return the offer as it is now
	 */
	Mono<OfferView> decline(String orderNumber, long offerId, String reason, String rep) {
		return this.substitutions.decline(orderNumber, offerId, Actors.staff(rep))
			.flatMap((offer) -> decided(orderNumber, offer, OfferStatus.DECLINED, reason, rep))
			.as(this.transactions::transactional);
	}

	private Mono<OfferView> decided(String orderNumber, OfferView offer, OfferStatus decision, String reason,
			String rep) {
		return record(rep, "OFFER_" + decision.name() + "_FOR_CUSTOMER", orderNumber,
				fields("offer", offer.id(), "substitute", offer.substituteSku(), "status", OfferStatus.OFFERED.name()),
				fields("offer", offer.id(), "substitute", offer.substituteSku(), "status", offer.status().name(),
						"reason", reason))
			.thenReturn(offer);
	}

	/**
	 * Sets how the order ships and which e-mails the customer gets.
	 * @param before the preferences as the page showed them
	 * @return whether anything changed
	 */
	Mono<Boolean> preferences(String orderNumber, ShipPreference ship, EmailPreference email, Preferences before,
			String reason, String rep) {
		String actor = Actors.staff(rep);
		// one connection in a transaction: one statement after the other
		return this.choices.setShipPreference(orderNumber, ship, actor)
			.flatMap((shipChanged) -> this.choices.setEmailPreference(orderNumber, email, actor)
				.map((emailChanged) -> shipChanged || emailChanged))
			.flatMap((changed) -> !changed ? Mono.just(false)
					: record(rep, "PREFERENCES_CHANGED_FOR_CUSTOMER", orderNumber,
							fields("ship", before.ship().name(), "email", before.email().name()),
							fields("ship", ship.name(), "email", email.name(), "reason", reason))
						.thenReturn(true))
			.as(this.transactions::transactional);
	}

	private Mono<Void> record(String rep, String action, String orderNumber, Map<String, Object> before,
			Map<String, Object> after) {
		return this.audit.record(rep, action, "order " + orderNumber, before, after);
	}

	/** A map that keeps its fields in the order given, as the audit log shows them. */
	private static Map<String, Object> fields(Object... namesAndValues) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return fields;
	}

	/**
	 * An order's preferences.
	 *
	 * @param ship how it ships
	 * @param email which e-mails its customer gets
	 */
	record Preferences(ShipPreference ship, EmailPreference email) {
	}

}
