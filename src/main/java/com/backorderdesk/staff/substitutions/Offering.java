package com.backorderdesk.staff.substitutions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.OfferToAll;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.substitution.WaitingLine;
import com.backorderdesk.timeline.Actors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Makes the offers of a reviewed form: first as a rehearsal, in a transaction that is
 * rolled back, so the rep sees exactly which orders and customers the service would offer
 * to; then for real, in one transaction with an audit entry per offer, and only when the
 * service offers to exactly the lines the rep reviewed.
 */
@Component
class Offering {

	private final SubstitutionService substitutions;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	private final TransactionalOperator rehearsal;

	private final Clock clock;

	Offering(SubstitutionService substitutions, AuditLog audit, TransactionalOperator transactions,
			ReactiveTransactionManager manager, Clock clock) {
		this.substitutions = substitutions;
		this.audit = audit;
		this.transactions = transactions;
		this.rehearsal = TransactionalOperator.create(manager,
				new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
		this.clock = clock;
	}

	/**
	 * The offers the form would make, made and rolled back.
	 * @param sku the SKU the orders wait for
	 * @param form the checked form
	 * @param lines the SKU's waiting lines, in queue order
	 * @param rep the rep's username
	 * @return the offers it would make; the service's errors
	 */
	Mono<List<OfferView>> rehearse(String sku, OfferForm form, List<WaitingLine> lines, String rep) {
		return this.rehearsal.execute((transaction) -> {
			transaction.setRollbackOnly();
			return offers(sku, form, lines, rep);
		}).single();
	}

	/**
	 * Makes the offers, audited, when they go to exactly the reviewed lines.
	 * @param reviewed the lines the rep saw on the review
	 * @return the offers made; {@link QueueChanged} when the queue changed since the
	 * review, and then nothing was offered
	 */
	Mono<List<OfferView>> make(String sku, OfferForm form, List<WaitingLine> lines, Set<Long> reviewed, String rep) {
		Map<Long, String> numbers = lines.stream()
			.collect(Collectors.toMap(WaitingLine::lineId, WaitingLine::orderNumber, (a, b) -> a));
		return offers(sku, form, lines, rep).flatMap((offers) -> {
			Set<Long> offered = offers.stream().map(OfferView::lineId).collect(Collectors.toSet());
			if (!offered.equals(reviewed)) {
				return Mono.error(new QueueChanged());
			}
			return Flux.fromIterable(offers)
				.concatMap((offer) -> this.audit.record(rep, "SUBSTITUTE_OFFERED",
						"order " + numbers.getOrDefault(offer.lineId(), "id " + offer.orderId()), null, offer))
				.then(Mono.just(offers));
		}).as(this.transactions::transactional);
	}

	private Mono<List<OfferView>> offers(String sku, OfferForm form, List<WaitingLine> lines, String rep) {
		Instant expiresAt = this.clock.instant().plus(Duration.ofDays(Objects.requireNonNull(form.openDays())));
		Long perUnit = Objects.requireNonNull(form.perUnitCents()).orElse(null);
		String actor = Actors.staff(rep);
		if (form.toQueue()) {
			return this.substitutions
				.offerToAll(new OfferToAll(sku, form.substitute(), perUnit, form.note(), expiresAt), actor);
		}
		WaitingLine line = lines.stream()
			.filter((candidate) -> Objects.equals(candidate.lineId(), form.lineId()))
			.findFirst()
			.orElse(null);
		if (line == null) {
			return Mono.error(new InvalidInputException("target",
					"That order no longer waits for this item; choose another or the waiting orders."));
		}
		Long difference;
		try {
			difference = (perUnit != null) ? Math.multiplyExact(perUnit, line.waiting()) : null;
		}
		catch (ArithmeticException ex) {
			return Mono.error(new InvalidValueException("priceDifference", "Enter a smaller amount."));
		}
		return this.substitutions
			.offer(new NewOffer(line.orderNumber(), line.lineId(), form.substitute(), line.waiting(), form.note(),
					expiresAt, difference), actor)
			.map(List::of);
	}

	/** The service would offer to other lines than the rep reviewed. */
	static final class QueueChanged extends RuntimeException {

		QueueChanged() {
			super("The waiting orders changed since the review", null, false, false);
		}

	}

}
