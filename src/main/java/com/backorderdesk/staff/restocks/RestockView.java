package com.backorderdesk.staff.restocks;

import com.backorderdesk.inventory.Restock;

/**
 * A restock as the planner's pages show it.
 *
 * @param restock the restock
 * @param productName its product's name
 * @param waitingOrders orders waiting on it
 */
record RestockView(Restock restock, String productName, int waitingOrders) {

	/**
	 * Whether part of the restock arrived and the rest is still to come, which the pages
	 * say before its status ("Partially received 10 of 30").
	 * @return whether it is partly received
	 */
	public boolean partial() {
		return this.restock.status().isOpen() && this.restock.quantityReceived() > 0;
	}

	/** The badge that reinforces the status word. */
	public String badge() {
		return switch (this.restock.status()) {
			case RECEIVED -> "badge-done";
			case CANCELLED -> "badge-cancelled";
			case DELAYED -> "badge-none";
			default -> "badge-waiting";
		};
	}

}
