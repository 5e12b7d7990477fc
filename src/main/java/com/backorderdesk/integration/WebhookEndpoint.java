package com.backorderdesk.integration;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint that webhooks are sent to; its secret is never part of it (it is shown
 * once, when the endpoint is created: {@link CreatedEndpoint}).
 *
 * @param id the endpoint's id
 * @param url where the webhooks are posted
 * @param eventTypes what it subscribes to, by wire name ({@code order.line.cancelled})
 * @param active whether webhooks are sent; an inactive endpoint gets none written and its
 * pending deliveries wait
 * @param description what staff call it, possibly empty
 * @param createdBy who created it
 * @param createdAt when
 * @param version optimistic lock version
 */
public record WebhookEndpoint(long id, String url, List<String> eventTypes, boolean active, String description,
		String createdBy, Instant createdAt, long version) {

	public WebhookEndpoint {
		eventTypes = List.copyOf(eventTypes);
	}

}
