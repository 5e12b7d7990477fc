package com.backorderdesk.staff.restocks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.inventory.ImportReport;
import com.backorderdesk.inventory.NewReceipt;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockReceipt;
import com.backorderdesk.inventory.RestockShift;
import com.backorderdesk.inventory.RestockUpdate;
import com.backorderdesk.orders.RestockChanged;
import com.backorderdesk.orders.RestockShiftOutcome;
import com.backorderdesk.orders.SupplyChanges;
import com.backorderdesk.timeline.Actors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The planner's restock changes, each in one transaction with its audit entry: the
 * change, the re-plan and the orders' events commit together with the record of who made
 * them, or none of it does. The audit log names the planner by username; the orders'
 * events by {@link Actors#staff}.
 */
@Component
class RestockChanges {

	private final SupplyChanges supply;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	RestockChanges(SupplyChanges supply, AuditLog audit, TransactionalOperator transactions) {
		this.supply = supply;
		this.audit = audit;
		this.transactions = transactions;
	}

	Mono<Restock> create(NewRestock restock, String actor) {
		return audited(this.supply.createRestock(restock, Actors.staff(actor)),
				(created) -> this.audit.record(actor, "RESTOCK_CREATED", subject(created.id()), null, created));
	}

	Mono<RestockChanged> update(long id, RestockChange change, @Nullable String note, String actor) {
		return audited(this.supply.changeRestock(id, change, note, Actors.staff(actor)),
				(update) -> this.audit.record(actor, "RESTOCK_UPDATED", subject(id), update.before(),
						(note != null) ? Map.of("restock", update.after(), "note", note) : update.after()));
	}

	Mono<RestockUpdate> receive(long id, NewReceipt receipt, String actor) {
		return audited(this.supply.receiveRestock(id, receipt, Actors.staff(actor)),
				(update) -> this.audit.record(actor, "RESTOCK_RECEIVED", subject(id), update.before(), update.after()));
	}

	/**
	 * Corrects a receipt of today, audited with the receipt's units before and after and
	 * the restock's; a correction that changes nothing is not recorded.
	 */
	Mono<RestockUpdate> correct(long id, RestockReceipt receipt, int quantity, @Nullable Long version, String actor) {
		return audited(this.supply.correctReceipt(id, receipt.id(), quantity, version, Actors.staff(actor)),
				(update) -> update.before().equals(update.after()) ? Mono.empty()
						: this.audit.record(actor, "RESTOCK_RECEIPT_CORRECTED", subject(id),
								receiptState(receipt.id(), receipt.quantity(), update.before()),
								receiptState(receipt.id(), quantity, update.after())));
	}

	private static Map<String, Object> receiptState(long receiptId, int units, Restock restock) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("receipt", receiptId);
		state.put("receiptUnits", units);
		state.put("quantityReceived", restock.quantityReceived());
		state.put("status", restock.status().name());
		return state;
	}

	Mono<RestockShiftOutcome> shift(RestockShift shift, @Nullable String note, String actor) {
		return audited(this.supply.shiftRestocks(shift, note, Actors.staff(actor)), (outcome) -> {
			if (outcome.restocks().isEmpty()) {
				return Mono.empty();
			}
			String subject = (shift.supplier() != null) ? "open restocks of supplier " + shift.supplier()
					: outcome.restocks().size() + " restocks";
			List<Map<String, Object>> before = outcome.restocks()
				.stream()
				.map((restock) -> Map.<String, Object>of("id", restock.id(), "expectedOn", restock.before()))
				.toList();
			List<Map<String, Object>> after = outcome.restocks()
				.stream()
				.map((restock) -> Map.<String, Object>of("id", restock.id(), "expectedOn", restock.after()))
				.toList();
			return this.audit.record(actor, "RESTOCKS_SHIFTED", subject, Map.of("restocks", before),
					Map.of("days", shift.days(), "restocks", after, "note", (note != null) ? note : "", "orders",
							outcome.impact().orders(), "lines", outcome.impact().orderLines()));
		});
	}

	/**
	 * Applies a checked import: creates its restocks, then changes its open restocks one
	 * by one (each re-planned with its note-less change), audits it as one entry with
	 * each changed restock before and after, and forgets the staged upload, all in one
	 * transaction.
	 * @param report the import, read and checked just now
	 * @param discard forgets the staged upload, in the same transaction
	 * @return completion; a {@link com.backorderdesk.ConflictException} when a restock
	 * changed since it was read, and then nothing was applied
	 */
	Mono<Void> applyImport(ImportReport report, Mono<Void> discard, String actor) {
		String staff = Actors.staff(actor);
		Mono<List<Restock>> created = report.restocks().isEmpty() ? Mono.just(List.of())
				: this.supply.createRestocks(report.restocks(), staff);
		return created
			.flatMap((restocks) -> Flux.fromIterable(report.changes())
				.concatMap((edit) -> this.supply.changeRestock(edit.before().id(), edit.change(), null, staff))
				.collectList()
				.flatMap((changed) -> this.audit.record(actor, "RESTOCKS_IMPORTED",
						restocks.size() + " created, " + changed.size() + " changed",
						changed.isEmpty() ? null
								: Map.of("restocks", changed.stream().map(RestockChanged::before).toList()),
						Map.of("created", restocks, "restocks", changed.stream().map(RestockChanged::after).toList()))))
			.then(discard)
			.as(this.transactions::transactional);
	}

	private <T> Mono<T> audited(Mono<T> change, Function<T, Mono<Void>> record) {
		return this.transactions.transactional(change.flatMap((result) -> record.apply(result).thenReturn(result)));
	}

	private static String subject(long id) {
		return "restock " + id;
	}

}
