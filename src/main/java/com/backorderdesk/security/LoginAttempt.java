package com.backorderdesk.security;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Who tries to log in, from where: what login throttling keys on.
 *
 * @param username the username as typed, in lower case: unknown and real usernames are
 * throttled alike
 * @param client the client's address
 * @param device the id of the trusted-device cookie this browser holds for that username,
 * or {@code null} when it has none
 */
record LoginAttempt(String username, String client, @Nullable String device) {

	static LoginAttempt of(String username, String client, @Nullable String device) {
		return new LoginAttempt(username.strip().toLowerCase(Locale.ROOT), client, device);
	}

}
