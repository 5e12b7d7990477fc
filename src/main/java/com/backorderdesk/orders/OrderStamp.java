package com.backorderdesk.orders;

/**
 * What a request needs to know about an order before it reads the whole order: which
 * order a number names, the link revision its access grants must carry, and its newest
 * timeline event, which tells whether a page rendered before is still true.
 *
 * @param id the order's id
 * @param linkRevision the revision signed links and access grants must carry
 * @param lastEventId the id of the order's newest event, 0 when it has none
 */
public record OrderStamp(long id, int linkRevision, long lastEventId) {
}
