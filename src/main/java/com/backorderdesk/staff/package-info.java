/**
 * The staff portal: the backorder dashboard, restocks, orders, substitutions and the
 * admin pages, and the audit log of every change staff make.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.staff;
