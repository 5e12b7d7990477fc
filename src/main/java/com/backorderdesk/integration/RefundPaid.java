package com.backorderdesk.integration;

import com.backorderdesk.timeline.TimelineEvent;

/**
 * A member of staff marked a refund paid: the customer's page and timeline say so at
 * once.
 *
 * @param refundId the refund
 * @param lineId the order line it refunds
 * @param sku the line's SKU
 * @param amountCents what was paid back, in the currency's smallest unit (more than 0)
 * @param currency ISO 4217 code
 */
public record RefundPaid(long refundId, long lineId, String sku, long amountCents,
		String currency) implements TimelineEvent {
}
