/**
 * The customer portal: finding an order and following it.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.customer;
