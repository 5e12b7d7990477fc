package com.backorderdesk.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed links that open an order without a login.
 *
 * @param ttl how long a link stays valid
 * @param secret the signing key (at least 32 bytes); when not set, a random key is
 * created in the database on first use and shared by every instance
 */
@ConfigurationProperties("backorder.links")
record LinkSettings(@DefaultValue("60d") Duration ttl, @Nullable String secret) {

	LinkSettings {
		if (secret != null && secret.isBlank()) {
			secret = null;
		}
	}

}
