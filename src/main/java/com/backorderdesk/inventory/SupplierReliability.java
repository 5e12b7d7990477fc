package com.backorderdesk.inventory;

import java.util.List;

/**
 * How reliably a supplier delivers: its received restocks measured against the date first
 * promised for each.
 *
 * @param supplier the supplier's name
 * @param received restocks received in full
 * @param onTime of those, received on or before the date first promised
 * @param onTimeShare {@code onTime / received}, between 0 and 1
 * @param averageDaysLate days late on average, an early or on-time delivery counting as 0
 */
public record SupplierReliability(String supplier, int received, int onTime, double onTimeShare,
		double averageDaysLate) {

	/**
	 * The suppliers most worth a planner's attention, and how many there are in all.
	 *
	 * @param suppliers the worst records first, at most the number asked for
	 * @param total how many suppliers with a received restock match
	 */
	public record Worst(List<SupplierReliability> suppliers, long total) {

		/**
		 * How many matching suppliers are not listed.
		 * @return 0 or more
		 */
		public long more() {
			return this.total - this.suppliers.size();
		}

	}

}
