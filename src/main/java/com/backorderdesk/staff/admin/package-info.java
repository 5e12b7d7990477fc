/**
 * Administration: staff accounts and roles, and the audit log.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.staff.admin;
