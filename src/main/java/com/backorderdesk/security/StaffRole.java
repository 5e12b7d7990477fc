package com.backorderdesk.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a member of staff may do. An admin may do everything.
 */
public enum StaffRole {

	/** Customer-service rep: orders, substitutions, e-mail. */
	REP,

	/** Inventory planner or buyer: restocks, receipts, supply. */
	PLANNER,

	/** Staff accounts, settings, audit log; and everything else. */
	ADMIN;

	/**
	 * The roles a member of staff holding these roles acts with.
	 * @param roles the roles held
	 * @return the roles in effect: all of them for an admin
	 */
	public static Set<StaffRole> effective(Set<StaffRole> roles) {
		return roles.contains(ADMIN) ? EnumSet.allOf(StaffRole.class) : EnumSet.copyOf(roles);
	}

}
