package com.backorderdesk.notification;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How e-mail is written and sent.
 *
 * @param from the sender, such as {@code Backorder Desk <orders@shop.example>}
 * @param baseUrl where customers reach the portal ({@code https://orders.shop.example});
 * when not set, the address this instance listens on
 * @param dispatchInterval how often each instance looks for due e-mail; it also looks
 * whenever a change is committed
 * @param batchSize rows claimed at once; sent over one SMTP connection
 * @param concurrency batches sent at the same time
 * @param lease how long a claimed row is left to the instance that claimed it; after that
 * it is due again (the instance is taken to have died)
 * @param maxAttempts attempts before a row is given up as dead
 * @param retryBase the wait after the first failed attempt; doubled after each
 * @param retryMax the longest wait between attempts
 * @param coalescingWindow delivery-window changes to one order within this time become
 * one e-mail about the net change
 * @param laterThresholdDays a window that moves later by at least this many days is worth
 * an e-mail
 * @param earlierThresholdDays a window that moves earlier by at least this many days is
 * worth an e-mail
 * @param offerReminderBefore how long before an open substitute offer expires the
 * customer is reminded
 * @param jobsInterval how often offer reminders and "still waiting" updates are looked
 * for, and back-in-stock requests swept
 * @param stillWaitingEvery a customer who wants every update and has heard nothing about
 * an order with waiting items for this long gets a short "still waiting" e-mail;
 * {@code null} (the default) sends none
 */
@ConfigurationProperties("backorder.mail")
public record MailSettings(@DefaultValue("Backorder Desk <orders@backorder-desk.localhost>") String from,
		@Nullable String baseUrl, @DefaultValue("2s") Duration dispatchInterval, @DefaultValue("100") int batchSize,
		@DefaultValue("4") int concurrency, @DefaultValue("5m") Duration lease, @DefaultValue("8") int maxAttempts,
		@DefaultValue("10s") Duration retryBase, @DefaultValue("1h") Duration retryMax,
		@DefaultValue("10m") Duration coalescingWindow, @DefaultValue("1") int laterThresholdDays,
		@DefaultValue("3") int earlierThresholdDays, @DefaultValue("24h") Duration offerReminderBefore,
		@DefaultValue("1m") Duration jobsInterval, @Nullable Duration stillWaitingEvery) {

	public MailSettings {
		if (baseUrl != null && baseUrl.isBlank()) {
			baseUrl = null;
		}
		if (baseUrl != null && baseUrl.endsWith("/")) {
			baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
		}
		if (stillWaitingEvery != null && (stillWaitingEvery.isNegative() || stillWaitingEvery.isZero())) {
			stillWaitingEvery = null;
		}
	}

}
