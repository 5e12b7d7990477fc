/**
 * Products a shop sells: SKU, name, category, attributes and price.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.catalog;
