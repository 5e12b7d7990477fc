package com.backorderdesk.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a customer may try to find an order by number and e-mail.
 *
 * @param maxAttempts attempts allowed per client address, and per order number, within
 * the window
 * @param window the sliding window the attempts are counted in
 */
@ConfigurationProperties("backorder.lookup")
record LookupSettings(@DefaultValue("10") int maxAttempts, @DefaultValue("15m") Duration window) {
}
