/**
 * The rep's order pages: search, the order with the customer's timeline, notes and links,
 * live.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.staff.orders;
