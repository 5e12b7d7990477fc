package com.backorderdesk.inventory;

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
}
