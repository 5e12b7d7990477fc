package com.backorderdesk.allocation;

import java.util.Arrays;
import java.util.List;

/**
 * The order in which a SKU's demand is served: priority, then placedAt, then lineId.
 * <p>
 * The order is total (lineIds are unique within a SKU), so the plan does not depend on
 * the order the lines were read in. Sorting works on an array of positions with a
 * hand-written merge sort, because the engine sorts ten thousand small queues per run and
 * boxed indices or streams would cost more than the allocation itself. Lines read from
 * the database usually arrive in queue order already, which the sort notices in one pass.
 */
final class DemandQueue {

	private static final int INSERTION_SORT_THRESHOLD = 24;

	private DemandQueue() {
	}

	/**
	 * Return the positions of {@code demand} in queue order.
	 * @param sku the SKU, for error messages
	 * @param demand the lines, in input order
	 * @return input positions, first served first
	 * @throws IllegalArgumentException if two lines share a lineId
	 */
	static int[] order(String sku, List<Demand> demand) {
		Demand[] lines = demand.toArray(new Demand[0]);
		int n = lines.length;
		requireUniqueLineIds(sku, lines);
		int[] order = new int[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		if (!isSorted(lines)) {
			mergeSort(order, new int[n], 0, n, lines);
		}
		return order;
	}

	static int compare(Demand a, Demand b) {
		int byPriority = Integer.compare(a.priority(), b.priority());
		if (byPriority != 0) {
			return byPriority;
		}
		int byPlacedAt = a.placedAt().compareTo(b.placedAt());
		if (byPlacedAt != 0) {
			return byPlacedAt;
		}
		return Long.compare(a.lineId(), b.lineId());
	}

	private static void requireUniqueLineIds(String sku, Demand[] lines) {
		long[] ids = new long[lines.length];
		for (int i = 0; i < lines.length; i++) {
			ids[i] = lines[i].lineId();
		}
		Arrays.sort(ids);
		for (int i = 1; i < ids.length; i++) {
			if (ids[i] == ids[i - 1]) {
				throw new IllegalArgumentException("SKU " + sku + " lists demand line " + ids[i] + " more than once");
			}
		}
	}

	private static boolean isSorted(Demand[] lines) {
		for (int i = 1; i < lines.length; i++) {
			if (compare(lines[i - 1], lines[i]) > 0) {
				return false;
			}
		}
		return true;
	}

	private static void mergeSort(int[] order, int[] scratch, int from, int to, Demand[] lines) {
		if (to - from <= INSERTION_SORT_THRESHOLD) {
			insertionSort(order, from, to, lines);
			return;
		}
		int mid = (from + to) >>> 1;
		mergeSort(order, scratch, from, mid, lines);
		mergeSort(order, scratch, mid, to, lines);
		if (compare(lines[order[mid - 1]], lines[order[mid]]) <= 0) {
			return;
		}
		System.arraycopy(order, from, scratch, from, to - from);
		int left = from;
		int right = mid;
		for (int i = from; i < to; i++) {
			if (right >= to || (left < mid && compare(lines[scratch[left]], lines[scratch[right]]) <= 0)) {
				order[i] = scratch[left++];
			}
			else {
				order[i] = scratch[right++];
			}
		}
	}

	private static void insertionSort(int[] order, int from, int to, Demand[] lines) {
		for (int i = from + 1; i < to; i++) {
			int position = order[i];
			Demand line = lines[position];
			int j = i - 1;
			while (j >= from && compare(lines[order[j]], line) > 0) {
				order[j + 1] = order[j];
				j--;
			}
			order[j + 1] = position;
		}
	}

}
