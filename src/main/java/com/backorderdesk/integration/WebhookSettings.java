package com.backorderdesk.integration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are sent.
 *
 * @param allowLoopback whether endpoints may be on this machine
 * ({@code http://127.0.0.1}, {@code localhost}), over plain http: for development and
 * tests only. Every other endpoint must be an {@code https} address on the public
 * internet
 * @param pollInterval how often each instance looks for due deliveries; it also looks at
 * once when a delivery ends, so an order's next message follows without waiting
 * @param batchSize deliveries claimed at most per look
 * @param perEndpointConcurrency deliveries in flight to one endpoint at most, over all
 * instances: a slow endpoint holds only its own
 * @param connectTimeout how long a connection may take to open
 * @param responseTimeout how long an endpoint may take to answer
 * @param lease how long a claimed delivery is left to the instance that claimed it; after
 * that it is due again (the instance is taken to have died). Longer than a connection and
 * an answer may take, so a delivery is never sent twice while its first attempt runs
 * @param maxAttempts attempts before a delivery is given up as dead
 * @param retryBase the wait after the first failed attempt; doubled after each
 * @param retryMax the longest wait between attempts
 * @param maxEndpoints endpoints at most
 */
@ConfigurationProperties("backorder.webhooks")
public record WebhookSettings(@DefaultValue("false") boolean allowLoopback, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("100") int batchSize, @DefaultValue("4") int perEndpointConcurrency,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration responseTimeout,
		@DefaultValue("2m") Duration lease, @DefaultValue("10") int maxAttempts,
		@DefaultValue("10s") Duration retryBase, @DefaultValue("6h") Duration retryMax,
		@DefaultValue("100") int maxEndpoints) {

	public WebhookSettings {
		if (batchSize < 1 || perEndpointConcurrency < 1 || maxAttempts < 1 || maxEndpoints < 1) {
			throw new IllegalArgumentException(
					"backorder.webhooks: batch-size, per-endpoint-concurrency, max-attempts and max-endpoints must be at least 1");
		}
		if (lease.compareTo(connectTimeout.plus(responseTimeout)) <= 0) {
			throw new IllegalArgumentException(
					"backorder.webhooks.lease must be longer than connect-timeout plus response-timeout");
		}
	}

}
