package com.backorderdesk.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How staff logins are protected.
 *
 * @param maxFailedLogins failed logins in a row after which an account is locked
 * @param lockout how long a locked account stays locked
 * @param failureDelay how long every failed login waits before it is answered
 * @param minPasswordLength the shortest password an admin may set
 */
@ConfigurationProperties("backorder.staff")
public record StaffSettings(@DefaultValue("5") int maxFailedLogins, @DefaultValue("15m") Duration lockout,
		@DefaultValue("1s") Duration failureDelay, @DefaultValue("12") int minPasswordLength) {
}
