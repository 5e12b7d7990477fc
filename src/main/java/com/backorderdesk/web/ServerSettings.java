package com.backorderdesk.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the server meets the network in front of it.
 *
 * @param trustedProxies addresses or CIDR ranges of the proxies whose
 * {@code X-Forwarded-*} headers are believed (for example {@code 10.0.0.0/8},
 * {@code 127.0.0.1}); from anyone else those headers are removed unread. Empty: nobody is
 * trusted
 * @param headerReadTimeout how long a request may take from its first byte to the end of
 * its headers before the connection is closed
 * @param bodyReadTimeout how long a request body may pause between reads
 * @param retryAfter what a 503 answered while the database is away asks clients to wait
 */
@ConfigurationProperties("backorder.server")
record ServerSettings(@DefaultValue List<String> trustedProxies, @DefaultValue("10s") Duration headerReadTimeout,
		@DefaultValue("30s") Duration bodyReadTimeout, @DefaultValue("5s") Duration retryAfter) {
}
