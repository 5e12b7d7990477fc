package com.backorderdesk.allocation;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A SKU's open restocks in the order they are consumed, each with the delivery window it
 * can promise.
 * <p>
 * Restocks are consumed in the order they can be counted on: the latest date of their
 * window first, then the expected date, then the restockId. Ordering by the nominal
 * expected date would let a late supplier's restock, due the same day as a punctual
 * one's, take over the lines the punctual one covers and widen their windows; ordering by
 * the latest date makes every line's latest date the smallest the supply allows, so
 * moving a restock earlier or adding supply can only make a latest date earlier.
 * <p>
 * Windows are computed once per restock and shared by every line the restock covers, so
 * the per-line work stays free of date arithmetic and allocation.
 */
final class SupplyTimeline {

	/**
	 * The least spread a held window keeps after its earliest date: a slip announced
	 * inside the allowance leaves less room than the allowance, never none.
	 */
	static final int HELD_SPREAD_DAYS = 1;

	final int size;

	/** Boxed once per restock, so lines covered by it share the instance. */
	final Long[] restockIds;

	final int[] openQuantities;

	final EtaWindow[] windows;

	final long[] earliestEpochDays;

	final long[] latestEpochDays;

	private SupplyTimeline(Inbound[] restocks, EtaWindow[] windows) {
		this.size = restocks.length;
		this.restockIds = new Long[this.size];
		this.openQuantities = new int[this.size];
		this.windows = windows;
		this.earliestEpochDays = new long[this.size];
		this.latestEpochDays = new long[this.size];
		for (int i = 0; i < this.size; i++) {
			Inbound restock = restocks[i];
			this.restockIds[i] = restock.restockId();
			this.openQuantities[i] = restock.openQuantity();
			this.earliestEpochDays[i] = windows[i].earliest().toEpochDay();
			this.latestEpochDays[i] = windows[i].latest().toEpochDay();
		}
	}

	/**
	 * Build the timeline of a SKU's open restocks; restocks with nothing left to receive
	 * are left out, so they are never reported as covering a line.
	 * @param sku the SKU, for error messages
	 * @param inbound the SKU's restocks, in any order
	 * @param policy handling, shipping and default lateness
	 * @param today the day the plan is made
	 * @return the timeline, in consumption order
	 * @throws IllegalArgumentException if two restocks share a restockId
	 */
	static SupplyTimeline of(String sku, List<Inbound> inbound, EtaPolicy policy, LocalDate today) {
		requireUniqueRestockIds(sku, inbound);
		Inbound[] open = new Inbound[inbound.size()];
		EtaWindow[] windows = new EtaWindow[inbound.size()];
		int count = 0;
		for (Inbound restock : inbound) {
			if (restock.openQuantity() > 0) {
				open[count] = restock;
				windows[count] = window(restock, policy, today);
				count++;
			}
		}
		// A SKU has a handful of restocks: insertion sort beats a comparator-driven sort
		// here
		for (int i = 1; i < count; i++) {
			Inbound restock = open[i];
			EtaWindow window = windows[i];
			int j = i - 1;
			while (j >= 0 && compare(open[j], windows[j], restock, window) > 0) {
				open[j + 1] = open[j];
				windows[j + 1] = windows[j];
				j--;
			}
			open[j + 1] = restock;
			windows[j + 1] = window;
		}
		return new SupplyTimeline(Arrays.copyOf(open, count), Arrays.copyOf(windows, count));
	}

	/**
	 * Return the window a restock can promise. An overdue restock counts from today,
	 * because a window in the past is a promise already broken. A restock moved later
	 * than its first expected date, or overdue, keeps the latest date first promised
	 * while that still leaves {@link #HELD_SPREAD_DAYS} after the earliest date: the
	 * lateness allowance was there for exactly such a slip, and moving every customer's
	 * date for it would break a promise that still holds.
	 * @param restock the restock
	 * @param policy handling, shipping and default lateness
	 * @param today the day the plan is made
	 * @return the delivery window
	 */
	static EtaWindow window(Inbound restock, EtaPolicy policy, LocalDate today) {
		LocalDate base = restock.expectedOn().isBefore(today) ? today : restock.expectedOn();
		long transit = (long) policy.handlingDays() + policy.shippingDays();
		LocalDate earliest = base.plusDays(transit);
		Integer history = restock.supplierLatenessDays();
		int lateness = (history != null) ? history : policy.defaultLatenessDays();
		LocalDate latest = earliest.plusDays(lateness);
		LocalDate promised = restock.promisedOn();
		if (promised != null) {
			// the first promise holds while it leaves the least spread after the earliest
			// date; once it cannot, the window is planned from the new date with the full
			// allowance. Monotone in the expected date and in today, so moving a restock
			// earlier never moves a latest date later
			LocalDate held = promised.plusDays(transit + lateness);
			if (!held.isBefore(earliest.plusDays(HELD_SPREAD_DAYS)) && held.isBefore(latest)) {
				latest = held;
			}
		}
		return new EtaWindow(earliest, latest);
	}

	/** Consumption order: latest date, then expected date, then restockId. */
	private static int compare(Inbound a, EtaWindow aWindow, Inbound b, EtaWindow bWindow) {
		int byLatest = aWindow.latest().compareTo(bWindow.latest());
		if (byLatest != 0) {
			return byLatest;
		}
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
