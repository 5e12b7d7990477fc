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
