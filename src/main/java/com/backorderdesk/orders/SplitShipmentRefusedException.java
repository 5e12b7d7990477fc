package com.backorderdesk.orders;

/**
 * A shipment that would split an order whose customer chose to ship everything together
 * ({@link ShipPreference#SHIP_COMPLETE}), sent without the override. Nothing shipped.
 */
public class SplitShipmentRefusedException extends RuntimeException {

	private final int unitsLeft;

	SplitShipmentRefusedException(String orderNumber, int unitsLeft) {
		super("The customer chose to ship order " + orderNumber + " complete (shipPreference "
				+ ShipPreference.SHIP_COMPLETE + "), and this shipment would leave " + unitsLeft + " "
				+ ((unitsLeft == 1) ? "unit" : "units")
				+ " behind. Ship everything still open, or send \"overrideShipPreference\": true to split it anyway.");
		this.unitsLeft = unitsLeft;
	}

	/**
	 * The customer's choice that refused the shipment.
	 * @return always {@link ShipPreference#SHIP_COMPLETE}
	 */
	public ShipPreference getShipPreference() {
		return ShipPreference.SHIP_COMPLETE;
	}

	/**
	 * Units of the order the shipment would have left open.
	 * @return the units
	 */
	public int getUnitsLeft() {
		return this.unitsLeft;
	}

}
