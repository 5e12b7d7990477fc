package com.backorderdesk.orders;

/**
 * Whether to ship what is ready now or wait and ship everything together.
 */
public enum ShipPreference {

	SHIP_WHEN_READY, SHIP_COMPLETE

}
