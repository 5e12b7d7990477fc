package com.backorderdesk.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Set;

/**
 * The member of staff a request is made by, as the staff pages see them.
 *
 * @param id the account's id
 * @param username the login name, recorded as the actor of every change
 * @param displayName the name shown in the staff layout
 * @param roles the roles in effect (all of them for an admin)
 */
public record StaffPrincipal(long id, String username, String displayName,
		Set<StaffRole> roles) implements Serializable {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * Whether this member of staff acts with a role.
	 * @param role the role
	 * @return {@code true} when the role is in effect
	 */
	public boolean has(StaffRole role) {
		return this.roles.contains(role);
	}

	/**
	 * Whether this member of staff acts with a role, by name, for templates.
	 * @param role the role's name
	 * @return {@code true} when the role is in effect
	 */
	public boolean has(String role) {
		return this.roles.stream().anyMatch((held) -> held.name().equals(role));
	}

	@Override
	public String toString() {
		return this.username;
	}

}
