package com.backorderdesk;

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the shop Backorder Desk serves.
 *
 * @param timeZone the shop's time zone, which decides what "today" and a delivery date
 * mean; the system zone when not set
 */
@ConfigurationProperties("backorder.shop")
public record ShopSettings(@Nullable ZoneId timeZone) {

	public ZoneId zone() {
		return (this.timeZone != null) ? this.timeZone : ZoneId.systemDefault();
	}

}
