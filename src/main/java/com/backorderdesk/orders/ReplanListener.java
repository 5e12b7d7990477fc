package com.backorderdesk.orders;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Hears of SKUs re-planned, inside the transaction of the change that re-planned them:
 * after their lines' new allocations are stored and while their stock rows are still
 * locked, so what it reads of their stock and demand is what the change commits, and what
 * it writes commits or rolls back with it. Every change to stock or demand (stock
 * counted, a restock received, an order placed or cancelled) re-plans its SKUs. Other
 * modules implement it (the mail outbox, for products back in stock); orders never depend
 * on them.
 */
public interface ReplanListener {

	/**
	 * Called once per re-plan, before the caller's transaction commits.
	 * @param skus the SKUs re-planned, sorted
	 * @return completion; an error rolls the change back
	 */
	Mono<Void> replanned(List<String> skus);

	/**
	 * Called once per re-plan with the lines whose plan changed, after they are stored
	 * and before {@link #replanned}; the promise ledger keeps each line's windows from
	 * here.
	 * @param lines the changed lines, by line id; never empty
	 * @return completion; an error rolls the change back
	 */
	default Mono<Void> linesReplanned(List<ReplannedLine> lines) {
		return Mono.empty();
	}

}
