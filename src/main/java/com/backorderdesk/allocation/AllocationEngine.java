package com.backorderdesk.allocation;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * The ETA engine: decides, for every open order line of a SKU, how much is in stock, how
 * much is backordered on which restock with which delivery window, and how much no supply
 * covers.
 * <p>
 * The rules, and why they are what they are:
 * <ol>
 * <li><b>Queue order</b> is priority (lower first), then placedAt, then lineId. It is
 * total, so the same data always gives the same plan, however the lines were read.</li>
 * <li><b>Allocations are sticky.</b> Units a line already holds stay with it: a customer
 * told "being prepared" must not lose the item because someone of higher priority ordered
 * later. Free stock is on-hand stock minus the units held. Only when stock was counted
 * down below what lines hold are held units released, from the back of the queue, until
 * the holdings fit the stock again: the lines served last lose first, and no more is
 * taken than the shortfall.</li>
 * <li><b>Free stock</b> goes down the queue: each line takes what it still needs, as far
 * as stock lasts.</li>
 * <li><b>Open restocks</b> (restocks with nothing left to receive are ignored) are then
 * consumed down the queue for what lines still need, in the order they can be counted on:
 * the latest date of their window, then expectedOn, then restockId. A late supplier's
 * restock due the same day as a punctual supplier's is counted on later, so it never
 * takes over the lines the punctual one covers. Because of that order, a line's latest
 * date is the smallest the supply allows for its place in the queue: moving a restock
 * earlier, or adding stock or a restock, never makes any line's latest date later, and a
 * line behind another in the queue never gets an earlier latest date. A line that several
 * restocks cover can only be delivered complete once all of them are in: it gets the
 * latest of their earliest dates and the latest of their latest dates, and the last of
 * them as its restock.</li>
 * <li><b>A restock's window</b> starts from its expected date, or today when it is
 * overdue (a window in the past is a promise already broken), plus handling and shipping
 * days; it is widened by the supplier's lateness allowance ({@link LatenessCalibration}),
 * or the policy default when the supplier has no history. A restock moved later than its
 * first expected date, or overdue, keeps the latest date first promised while that still
 * leaves a day after the earliest date: the allowance was there for such a slip, and
 * re-dating every customer for it would change a promise that still holds.</li>
 * <li>What no supply covers is <b>unscheduled</b>: no date, and the customer is told
 * so.</li>
 * </ol>
 * <p>
 * The engine is stateless and thread-safe. Per-line work uses primitive arrays and shares
 * one {@link EtaWindow} per restock, because a full recomputation (a million open lines)
 * has to fit in a couple of seconds.
 */
public final class AllocationEngine {

	/**
	 * Below this many lines, spreading SKUs over threads costs more than it saves; the
	 * common case (re-planning the few SKUs one change touches) stays on the caller's
	 * thread.
	 */
	private static final int PARALLEL_THRESHOLD_LINES = 50_000;

	private final EtaPolicy policy;

	public AllocationEngine(EtaPolicy policy) {
		Checks.notNull(policy, "policy");
		this.policy = policy;
	}

	/**
	 * Plan one SKU.
	 * @param plan the SKU's stock, restocks and demand
	 * @param today the day the plan is made, in the shop's zone
	 * @return one allocation per demand line, in the order of {@code plan.demand()}
	 * @throws IllegalArgumentException if the plan is null or lists a line or restock
	 * twice
	 */
	public List<Allocation> plan(SkuPlan plan, LocalDate today) {
		Checks.notNull(plan, "plan");
		Checks.notNull(today, "today");
		List<Demand> demand = plan.demand();
		int[] order = DemandQueue.order(plan.sku(), demand);
		SupplyTimeline supply = SupplyTimeline.of(plan.sku(), plan.inbound(), this.policy, today);
		int n = order.length;
		Demand[] queue = new Demand[n];
		int[] open = new int[n];
		int[] held = new int[n];
		long totalHeld = 0;
		for (int q = 0; q < n; q++) {
			Demand line = demand.get(order[q]);
			queue[q] = line;
			open[q] = line.openQuantity();
			held[q] = line.allocated();
			totalHeld += line.allocated();
		}
		long freeStock = plan.onHand() - totalHeld;
		for (int q = n - 1; q >= 0 && freeStock < 0; q--) {
			int released = (int) Math.min(held[q], -freeStock);
			held[q] -= released;
			freeStock += released;
		}
		for (int q = 0; q < n && freeStock > 0; q++) {
			int taken = (int) Math.min(open[q] - held[q], freeStock);
			held[q] += taken;
			freeStock -= taken;
		}
		Allocation[] allocations = new Allocation[n];
		int restock = 0;
		int restockLeft = (supply.size > 0) ? supply.openQuantities[0] : 0;
		for (int q = 0; q < n; q++) {
			int need = open[q] - held[q];
			int scheduled = 0;
			int last = -1;
			int earliest = -1;
			while (need > 0 && restock < supply.size) {
				int taken = Math.min(need, restockLeft);
				scheduled += taken;
				need -= taken;
				restockLeft -= taken;
				last = restock;
				if (earliest < 0 || supply.earliestEpochDays[restock] > supply.earliestEpochDays[earliest]) {
					earliest = restock;
				}
				if (restockLeft == 0) {
					restock++;
					restockLeft = (restock < supply.size) ? supply.openQuantities[restock] : 0;
				}
			}
			allocations[order[q]] = allocation(queue[q].lineId(), held[q], scheduled, need, supply, last, earliest);
		}
		return Collections.unmodifiableList(Arrays.asList(allocations));
	}

	/**
	 * Plan many SKUs, for example every SKU with open demand. Large inputs are planned in
	 * parallel on the common fork-join pool (the result does not depend on it), so call
	 * this off the event loop, like any CPU-bound work.
	 * @param plans one plan per SKU
	 * @param today the day the plan is made, in the shop's zone
	 * @return each SKU's allocations (as {@link #plan(SkuPlan, LocalDate)} returns them),
	 * keyed by SKU in the iteration order of {@code plans}
	 * @throws IllegalArgumentException if a plan is invalid or two plans share a SKU;
	 * with several invalid plans, the first in iteration order is reported
	 */
	@SuppressWarnings("unchecked")
	public Map<String, List<Allocation>> planAll(Collection<SkuPlan> plans, LocalDate today) {
		Checks.notNull(plans, "plans");
		Checks.notNull(today, "today");
		SkuPlan[] all = plans.toArray(new SkuPlan[0]);
		Set<String> skus = new HashSet<>(all.length * 2);
		long lines = 0;
		for (SkuPlan plan : all) {
			Checks.notNull(plan, "plans element");
			if (!skus.add(plan.sku())) {
				throw new IllegalArgumentException("SKU " + plan.sku() + " is planned more than once");
			}
			lines += plan.demand().size();
		}
		List<Allocation>[] results = new List[all.length];
		if (lines >= PARALLEL_THRESHOLD_LINES && all.length > 1) {
			planInParallel(all, today, results);
		}
		else {
			for (int i = 0; i < all.length; i++) {
				results[i] = plan(all[i], today);
			}
		}
		Map<String, List<Allocation>> bySku = new LinkedHashMap<>(all.length * 4 / 3 + 1);
		for (int i = 0; i < all.length; i++) {
			bySku.put(all[i].sku(), results[i]);
		}
		return Collections.unmodifiableMap(bySku);
	}

	private void planInParallel(SkuPlan[] all, LocalDate today, List<Allocation>[] results) {
		// Failures are collected per SKU, so the caller gets the first invalid plan's own
		// exception whichever thread met it first
		RuntimeException[] failures = new RuntimeException[all.length];
		IntStream.range(0, all.length).parallel().forEach((i) -> {
			try {
				results[i] = plan(all[i], today);
			}
			catch (RuntimeException ex) {
				failures[i] = ex;
			}
		});
		for (RuntimeException failure : failures) {
			if (failure != null) {
				throw failure;
			}
		}
	}

	private static Allocation allocation(long lineId, int allocated, int scheduled, int unscheduled,
			SupplyTimeline supply, int last, int earliest) {
		if (scheduled == 0) {
			return new Allocation(lineId, allocated, 0, unscheduled, null, null);
		}
		// restocks are consumed by latest date, so the last covering one has the latest
		// latest date; an earlier one can still have the latest earliest date
		EtaWindow window = supply.windows[last];
		if (supply.earliestEpochDays[earliest] > supply.earliestEpochDays[last]) {
			window = new EtaWindow(supply.windows[earliest].earliest(), window.latest());
		}
		return new Allocation(lineId, allocated, scheduled, unscheduled, window, supply.restockIds[last]);
	}

}
