package com.backorderdesk.catalog;

import java.time.Instant;

/**
 * A product as lists show it.
 *
 * @param product the product
 * @param updatedAt when it last changed
 */
public record ListedProduct(Product product, Instant updatedAt) {
}
