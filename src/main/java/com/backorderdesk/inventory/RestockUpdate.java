package com.backorderdesk.inventory;

/**
 * A restock before and after a change.
 *
 * @param before the restock as it was
 * @param after the restock as it is now
 */
public record RestockUpdate(Restock before, Restock after) {
}
