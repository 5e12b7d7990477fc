package com.backorderdesk.inventory;

/**
 * How reliably a supplier delivers: its received restocks measured against the date it
 * first promised for each.
 *
 * @param supplier the supplier's name
 * @param received restocks received
 * @param onTime of those, received on or before the promised date
 * @param averageDaysLate days late per received restock, on average (on time counts as 0)
 */
public record SupplierReliability(String supplier, long received, long onTime, double averageDaysLate) {

	/**
	 * The share of restocks received on time.
	 * @return between 0 and 1; 0 when nothing was received
	 */
	public double onTimeShare() {
		return (this.received > 0) ? (double) this.onTime / this.received : 0;
	}

}
