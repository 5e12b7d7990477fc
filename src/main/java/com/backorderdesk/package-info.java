/**
 * Backorder Desk application root: start-up and cross-cutting configuration.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk;
