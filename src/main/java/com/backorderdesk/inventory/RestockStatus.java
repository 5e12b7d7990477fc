package com.backorderdesk.inventory;

/**
 * Where an inbound restock stands. Only open restocks count as planned supply.
 */
public enum RestockStatus {

	PLANNED, CONFIRMED, IN_TRANSIT, DELAYED, RECEIVED, CANCELLED;

	public boolean isOpen() {
		return this != RECEIVED && this != CANCELLED;
	}

}
