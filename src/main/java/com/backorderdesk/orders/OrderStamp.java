package com.backorderdesk.orders;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a request needs to know about an order before it reads the whole order: which
 * order a number names, the link revision its access grants must carry, and its newest
 * timeline event and the last change to its products (a name or a price, which no order
 * event records): together they tell whether a page rendered before is still true.
 *
 * @param id the order's id
 * @param linkRevision the revision signed links and access grants must carry
 * @param lastEventId the id of the order's newest event, 0 when it has none
 * @param productsChanged when one of the order's products last changed, in microseconds
 * since the epoch
 * @param locale the language the customer reads the order in, or {@code null} when the
 * shop did not say
 */
public record OrderStamp(long id, int linkRevision, long lastEventId, long productsChanged, @Nullable Locale locale) {
}
