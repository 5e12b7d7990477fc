package com.backorderdesk.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long staff sessions and customers' order access last.
 *
 * @param idleTimeout a staff session ends after this long without a request
 * @param touchInterval a request records the session's last use only when the stored one
 * is older than this, so reading pages does not write a row each time (a session may end
 * up to this much early)
 * @param sweepInterval how often each instance deletes expired sessions and old login
 * failures
 * @param customerAccess how long a lookup or a signed link keeps an order open in that
 * browser
 */
@ConfigurationProperties("backorder.sessions")
record SessionSettings(@DefaultValue("1h") Duration idleTimeout, @DefaultValue("1m") Duration touchInterval,
		@DefaultValue("5m") Duration sweepInterval, @DefaultValue("7d") Duration customerAccess) {
}
