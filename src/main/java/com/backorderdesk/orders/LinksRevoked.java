package com.backorderdesk.orders;

import com.backorderdesk.timeline.AccessRevoked;

/**
 * Staff revoked the customer's links to the order: every link sent before, and every
 * access opened with one or by a lookup, stopped working.
 *
 * @param linkRevision the order's link revision after the change; links and access
 * granted at a lower one no longer open the order
 */
public record LinksRevoked(int linkRevision) implements AccessRevoked {
}
