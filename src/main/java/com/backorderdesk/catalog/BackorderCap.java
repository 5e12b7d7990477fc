package com.backorderdesk.catalog;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;

/**
 * How much of a product may be ordered beyond what stock holds. The orders' services
 * apply it when an order is placed; what a new order would get says "not orderable" for
 * units beyond it.
 *
 * @param policy allow backorders, allow them up to a limit, or never
 * @param limit for {@link Policy#LIMITED}: units without a date (no planned supply covers
 * them) that all open orders together may have, 0 to
 * {@link InputRules#MAX_LINE_QUANTITY}; {@code null} otherwise
 */
public record BackorderCap(Policy policy, @Nullable Integer limit) {

	/** No cap: the default. */
	public static final BackorderCap ALLOW = new BackorderCap(Policy.ALLOW, null);

	/**
	 * Checks the cap's shape.
	 * @throws InvalidValueException for field {@code backorderLimit} when a limited cap
	 * has no limit or one out of bounds, or another cap has one
	 */
	public BackorderCap {
		if (policy == Policy.LIMITED) {
			if (limit == null || limit < 0 || limit > InputRules.MAX_LINE_QUANTITY) {
				throw new InvalidValueException("backorderLimit",
						"Give 0 to " + InputRules.MAX_LINE_QUANTITY + " units for a LIMITED cap");
			}
		}
		else if (limit != null) {
			throw new InvalidValueException("backorderLimit", "Only a LIMITED cap has a limit");
		}
	}

	/**
	 * Backorder policies.
	 */
	public enum Policy {

		/** Any quantity may wait for planned supply or for a date. */
		ALLOW,

		/**
		 * Units may wait for planned supply, and at most {@code limit} units beyond it.
		 */
		LIMITED,

		/** Only what stock holds now may be ordered. */
		NEVER

	}

}
