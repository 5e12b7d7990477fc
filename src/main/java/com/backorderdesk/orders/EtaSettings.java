package com.backorderdesk.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.backorderdesk.allocation.LatenessCalibration;

/**
 * How a restock's expected date becomes a delivery window.
 *
 * @param handlingDays days from goods in to goods out
 * @param shippingDays days the carrier takes
 * @param defaultLatenessDays how much later than expected a supplier may deliver while
 * the shop has no delivery history; widens the window, and is the prior the calibration
 * starts from
 * @param onTimeTarget the share of first-promised windows that should hold (0 to 1,
 * exclusive): suppliers' lateness allowances are calibrated to it
 * @param historyHalfLife how fast old receipts stop counting: a receipt this old weighs
 * half as much as one from today
 */
@ConfigurationProperties("backorder.eta")
public record EtaSettings(@DefaultValue("1") int handlingDays, @DefaultValue("3") int shippingDays,
		@DefaultValue("3") int defaultLatenessDays, @DefaultValue("0.95") double onTimeTarget,
		@DefaultValue("365d") Duration historyHalfLife) {

	/**
	 * The calibration these settings call for.
	 * @return the calibrated rule
	 * @throws IllegalArgumentException if the target or half-life is out of range
	 */
	public LatenessCalibration calibration() {
		return LatenessCalibration.calibrated(this.onTimeTarget, (int) Math.max(1, this.historyHalfLife.toDays()),
				this.defaultLatenessDays);
	}

}
