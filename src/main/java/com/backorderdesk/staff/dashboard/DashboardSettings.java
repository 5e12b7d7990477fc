package com.backorderdesk.staff.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The rules behind the dashboard's suggestions.
 *
 * @param leadTimeDays how long a purchase takes to arrive, in days, for a supplier
 * without received restocks (others use their own): a suggested purchase also covers the
 * demand expected over this time
 * @param demandDays the recent period whose orders measure a SKU's demand, in days
 * @param slipDays how far back the dashboard looks for slipped delivery windows, in days
 * @param topSkus how many SKUs the shortfall list shows
 * @param waitlistAlert how many back-in-stock sign-ups still waiting for one product make
 * an alert on the dashboard
 */
@ConfigurationProperties("backorder.dashboard")
record DashboardSettings(@DefaultValue("21") int leadTimeDays, @DefaultValue("28") int demandDays,
		@DefaultValue("7") int slipDays, @DefaultValue("10") int topSkus, @DefaultValue("10") int waitlistAlert) {
}
