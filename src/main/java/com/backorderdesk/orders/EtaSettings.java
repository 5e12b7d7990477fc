package com.backorderdesk.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a restock's expected date becomes a delivery window.
 *
 * @param handlingDays days from goods in to goods out
 * @param shippingDays days the carrier takes
 * @param defaultLatenessDays how much later than expected a supplier without enough
 * history may deliver; widens the window
 */
@ConfigurationProperties("backorder.eta")
public record EtaSettings(@DefaultValue("1") int handlingDays, @DefaultValue("3") int shippingDays,
		@DefaultValue("3") int defaultLatenessDays) {
}
