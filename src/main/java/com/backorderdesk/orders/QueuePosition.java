package com.backorderdesk.orders;

/**
 * Where a waiting line stands in its SKU's queue: the lines waiting for stock (not fully
 * allocated), in the order the engine serves them.
 *
 * @param lineId the line
 * @param position its place, from 1
 * @param waiting how many lines wait for the SKU
 */
public record QueuePosition(long lineId, int position, int waiting) {
}
