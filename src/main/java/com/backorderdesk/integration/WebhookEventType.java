package com.backorderdesk.integration;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an endpoint can subscribe to, by the names the webhooks carry in {@code type}.
 */
public enum WebhookEventType {

	/**
	 * A line's status, or how its open units split into ready / dated / undated, changed.
	 */
	ORDER_LINE_STATUS_CHANGED("order.line.status_changed"),

	/** A line's delivery window moved, appeared or went away. */
	ORDER_LINE_ETA_CHANGED("order.line.eta_changed"),

	/** Waiting units of a line were cancelled, with the refund due for them. */
	ORDER_LINE_CANCELLED("order.line.cancelled"),

	/** The customer changed whether to ship what is ready or everything together. */
	ORDER_SHIP_PREFERENCE_CHANGED("order.ship_preference_changed"),

	/**
	 * The customer accepted a substitute: a line added, the original's waiting units
	 * cancelled.
	 */
	SUBSTITUTION_ACCEPTED("substitution.accepted"),

	/** The warehouse recorded a shipment, with its tracking. */
	SHIPMENT_RECORDED("shipment.recorded"),

	/** Money is due back to the customer. */
	REFUND_DUE("refund.due");

	/**
	 * The type of a test event, sent to one endpoint when staff ask; no one subscribes to
	 * it.
	 */
	public static final String TEST = "webhook.test";

	private final String wireName;

	WebhookEventType(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The name in payloads and subscriptions.
	 * @return e.g. {@code order.line.cancelled}
	 */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * The type with a wire name.
	 * @param name e.g. {@code refund.due}
	 * @return the type, or empty for a name no type has
	 */
	public static Optional<WebhookEventType> of(String name) {
		return Arrays.stream(values()).filter((type) -> type.wireName.equals(name)).findFirst();
	}

	/**
	 * Every wire name, in declaration order.
	 * @return the names
	 */
	public static List<String> wireNames() {
		return Arrays.stream(values()).map(WebhookEventType::wireName).toList();
	}

}
