package com.backorderdesk.allocation;

/**
 * The shop's delivery settings that turn a restock's expected date into a delivery
 * window.
 *
 * @param handlingDays calendar days from goods arriving to the parcel leaving the
 * warehouse
 * @param shippingDays calendar days the carrier needs
 * @param defaultLatenessDays how far to widen a window for a supplier without delivery
 * history, so a new supplier is not trusted more than the data supports
 */
public record EtaPolicy(int handlingDays, int shippingDays, int defaultLatenessDays) {

	public EtaPolicy {
		Checks.notNegative(handlingDays, "EtaPolicy handlingDays");
		Checks.notNegative(shippingDays, "EtaPolicy shippingDays");
		Checks.notNegative(defaultLatenessDays, "EtaPolicy defaultLatenessDays");
	}

}
