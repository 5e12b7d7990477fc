package com.backorderdesk.security;

import java.time.Instant;
import java.util.Set;

/**
 * A staff account as the admin pages show it.
 *
 * @param id the account's id
 * @param username the login name
 * @param displayName the name shown to colleagues and in the audit log
 * @param roles the roles held
 * @param enabled whether the account may log in
 * @param createdAt when the account was made
 * @param version the row version, for conflict detection
 */
public record StaffMember(long id, String username, String displayName, Set<StaffRole> roles, boolean enabled,
		Instant createdAt, long version) {
}
