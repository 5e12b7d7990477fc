/**
 * Orders and their lines: placing an order (allocate now, backorder the rest), and
 * keeping every open line's allocation and delivery window true as supply changes.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.orders;
