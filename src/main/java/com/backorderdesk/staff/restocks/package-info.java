/**
 * The planner's restock pages: list, create, edit, receive, shift many dates and import,
 * with previews.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.staff.restocks;
