/**
 * The staff dashboard: the backlog, its aging, uncovered demand, slipped windows and
 * supplier reliability, live.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.staff.dashboard;
