package com.backorderdesk.allocation;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A SKU's open restocks in the order they are consumed (expectedOn, then restockId), each
 * with the delivery window it can promise.
 * <p>
 * Windows are computed once per restock and shared by every line the restock covers, so
 * the per-line work stays free of date arithmetic and allocation.
 */
final class SupplyTimeline {

	final int size;

	/** Boxed once per restock, so lines covered by it share the instance. */
	final Long[] restockIds;

	final int[] openQuantities;

	final EtaWindow[] windows;

	final long[] latestEpochDays;

	private SupplyTimeline(Inbound[] restocks, EtaPolicy policy, LocalDate today) {
		this.size = restocks.length;
		this.restockIds = new Long[this.size];
		this.openQuantities = new int[this.size];
		this.windows = new EtaWindow[this.size];
		this.latestEpochDays = new long[this.size];
		for (int i = 0; i < this.size; i++) {
			Inbound restock = restocks[i];
			this.restockIds[i] = restock.restockId();
			this.openQuantities[i] = restock.openQuantity();
			this.windows[i] = window(restock, policy, today);
			this.latestEpochDays[i] = this.windows[i].latest().toEpochDay();
		}
	}

	/**
	 * Build the timeline of a SKU's open restocks; restocks with nothing left to receive
	 * are left out, so they are never reported as covering a line.
	 * @param sku the SKU, for error messages
	 * @param inbound the SKU's restocks, in any order
	 * @param policy handling, shipping and default lateness
	 * @param today the day the plan is made
	 * @return the timeline
	 * @throws IllegalArgumentException if two restocks share a restockId
	 */
	static SupplyTimeline of(String sku, List<Inbound> inbound, EtaPolicy policy, LocalDate today) {
		requireUniqueRestockIds(sku, inbound);
		Inbound[] open = new Inbound[inbound.size()];
		int count = 0;
		for (Inbound restock : inbound) {
			if (restock.openQuantity() > 0) {
				open[count++] = restock;
			}
		}
		// A SKU has a handful of restocks: insertion sort beats a comparator-driven sort
		// here
		for (int i = 1; i < count; i++) {
			Inbound restock = open[i];
			int j = i - 1;
			while (j >= 0 && compare(open[j], restock) > 0) {
				open[j + 1] = open[j];
				j--;
			}
			open[j + 1] = restock;
		}
		return new SupplyTimeline(Arrays.copyOf(open, count), policy, today);
	}

	/**
	 * Return the window a restock can promise. An overdue restock counts from today,
	 * because a window in the past is a promise already broken.
	 * @param restock the restock
	 * @param policy handling, shipping and default lateness
	 * @param today the day the plan is made
	 * @return the delivery window
	 */
	static EtaWindow window(Inbound restock, EtaPolicy policy, LocalDate today) {
		LocalDate base = restock.expectedOn().isBefore(today) ? today : restock.expectedOn();
		LocalDate earliest = base.plusDays((long) policy.handlingDays() + policy.shippingDays());
		Integer history = restock.supplierLatenessDays();
		int lateness = (history != null) ? history : policy.defaultLatenessDays();
		return new EtaWindow(earliest, earliest.plusDays(lateness));
	}

	private static int compare(Inbound a, Inbound b) {
		int byDate = a.expectedOn().compareTo(b.expectedOn());
		return (byDate != 0) ? byDate : Long.compare(a.restockId(), b.restockId());
	}

	private static void requireUniqueRestockIds(String sku, List<Inbound> inbound) {
		int n = inbound.size();
		if (n < 2) {
			return;
		}
		long[] ids = new long[n];
		for (int i = 0; i < n; i++) {
			ids[i] = inbound.get(i).restockId();
		}
		Arrays.sort(ids);
		for (int i = 1; i < n; i++) {
			if (ids[i] == ids[i - 1]) {
				throw new IllegalArgumentException("SKU " + sku + " lists restock " + ids[i] + " more than once");
			}
		}
	}

}
