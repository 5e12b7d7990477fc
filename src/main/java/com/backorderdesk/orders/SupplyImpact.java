package com.backorderdesk.orders;

/**
 * What a supply change did to customers' orders.
 *
 * @param orderLines lines whose state or delivery window changed
 * @param orders orders with such lines, each getting one timeline event
 * @param customers distinct customers (by e-mail address) of those orders
 * @param emails e-mails the change sends
 */
public record SupplyImpact(int orderLines, int orders, int customers, int emails) {

	/** A change that moved nobody. */
	public static final SupplyImpact NONE = new SupplyImpact(0, 0, 0, 0);

}
