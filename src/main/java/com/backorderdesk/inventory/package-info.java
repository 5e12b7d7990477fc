/**
 * Stock on hand, suppliers and inbound restocks, with each supplier's record of late
 * deliveries.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.inventory;
