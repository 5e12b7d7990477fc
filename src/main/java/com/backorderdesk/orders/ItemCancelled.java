package com.backorderdesk.orders;

import com.backorderdesk.timeline.CustomerChoice;

/**
 * Waiting units of a line were cancelled; what stock held or what shipped stays.
 *
 * @param reason why
 * @param lineId the line
 * @param sku its SKU
 * @param quantity units cancelled
 * @param before the line before
 * @param after the line after
 */
public record ItemCancelled(CancelReason reason, long lineId, String sku, int quantity, LineState before,
		LineState after) implements CustomerChoice {
}
