/**
 * The staff portal: what its feature packages share (the logged-in staff member, formats,
 * live fragments) and the login page. Each feature lives in a sub-package: dashboard,
 * restocks, orders, substitutions, outbox, admin.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.staff;
