package com.backorderdesk.orders;

import com.backorderdesk.inventory.Restock;

/**
 * A restock changed: the restock before and after, for the audit log, and what the change
 * did to customers' orders.
 *
 * @param before the restock before
 * @param after the restock after
 * @param impact the orders it moved
 */
public record RestockChanged(Restock before, Restock after, SupplyImpact impact) {
}
