package com.backorderdesk.inventory;

import java.time.Instant;

/**
 * A restock as lists show it.
 *
 * @param restock the restock
 * @param updatedAt when it last changed
 */
public record ListedRestock(Restock restock, Instant updatedAt) {
}
