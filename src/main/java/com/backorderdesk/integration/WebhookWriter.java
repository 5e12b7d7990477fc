package com.backorderdesk.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.ItemCancelled;
import com.backorderdesk.orders.ItemsShipped;
import com.backorderdesk.orders.LineMove;
import com.backorderdesk.orders.LineState;
import com.backorderdesk.orders.LinesReplanned;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.ShipPreferenceChanged;
import com.backorderdesk.substitution.SubstituteAccepted;
import com.backorderdesk.timeline.OrderEvent;
import org.springframework.stereotype.Component;

/**
 * Turns appended order events into webhook messages, in the transaction that appends
 * them, for the types some active endpoint subscribes to.
 *
 * <p>
 * A message is a snapshot of what happened, taken when it happened: the line before and
 * after, the refund due, the order's ship preference at that moment. It is never read
 * again from the order's state at send time, so a receiver that was down for a day gets
 * every change in turn, each as it was (the opposite of our e-mail, which tells a person
 * only where things stand now). Receivers that want the state now read the order from the
 * API. Every message carries {@code orderEventId}, which increases with every change to
 * the order's timeline.
 *
 * <p>
 * The body follows the Standard Webhooks shape: {@code {"type": "...", "timestamp": "<ISO
 * 8601>", "data": {...}}}, and {@code data} always holds {@code order: {number,
 * shipPreference}}.
 */
@Component
class WebhookWriter {

	private final WebhookStore store;

	private final OrderService orders;

	private final JsonMapper json;

	private final Clock clock;

	WebhookWriter(WebhookStore store, OrderService orders, JsonMapper json, Clock clock) {
		this.store = store;
		this.orders = orders;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Writes the messages the events call for.
	 * @param events the events as appended
	 * @param refunds the refunds they made due, by event id
	 * @return completion
	 */
	Mono<Void> write(List<OrderEvent> events, Map<Long, RefundView> refunds) {
		if (events.stream().noneMatch(WebhookWriter::mayCallForOne)) {
			return Mono.empty();
		}
		return this.store.subscriptions().flatMap((subscriptions) -> {
			Set<String> wanted = new HashSet<>();
			subscriptions.values().forEach(wanted::addAll);
			List<OrderEvent> relevant = events.stream()
				.filter((event) -> types(event).stream().anyMatch(wanted::contains))
				.toList();
			if (relevant.isEmpty()) {
				return Mono.empty();
			}
			Set<Long> orderIds = new LinkedHashSet<>();
			relevant.forEach((event) -> orderIds.add(event.orderId()));
			return this.orders.findAll(orderIds).flatMap((found) -> {
				List<WebhookStore.Outgoing> messages = new ArrayList<>();
				for (OrderEvent event : relevant) {
					OrderView order = found.get(event.orderId());
					if (order == null) {
						continue;
					}
					for (Message message : messages(event, order, refunds.get(event.id()))) {
						if (wanted.contains(message.type().wireName())) {
							messages.add(new WebhookStore.Outgoing(message.type().wireName(), event.orderId(),
									event.id(), body(message.type().wireName(), event.occurredAt(), message.data())));
						}
					}
				}
				return this.store.write(messages, this.clock.instant()).then();
			});
		});
	}

	/**
	 * The body of a test event for an endpoint.
	 */
	String testBody(long endpointId, Instant now) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("endpointId", endpointId);
		data.put("message", "A test event from Backorder Desk: this endpoint receives webhooks.");
		return body(WebhookEventType.TEST, now, data);
	}

	private String body(String type, Instant timestamp, Map<String, Object> data) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", type);
		body.put("timestamp", timestamp.toString());
		body.put("data", data);
		return this.json.writeValueAsString(body);
	}

	private static boolean mayCallForOne(OrderEvent event) {
		return !types(event).isEmpty();
	}

	/** The types an event may be told as, before looking at its lines. */
	private static List<String> types(OrderEvent event) {
		Object what = event.event();
		if (what instanceof LinesReplanned) {
			return List.of(WebhookEventType.ORDER_LINE_STATUS_CHANGED.wireName(),
					WebhookEventType.ORDER_LINE_ETA_CHANGED.wireName());
		}
		if (what instanceof ItemCancelled cancelled) {
			// a substitute's cancellation is told with its acceptance, when its refund is
			// known
			return (cancelled.reason() == CancelReason.SUBSTITUTE_ACCEPTED) ? List.of()
					: List.of(WebhookEventType.ORDER_LINE_CANCELLED.wireName(), WebhookEventType.REFUND_DUE.wireName());
		}
		if (what instanceof SubstituteAccepted) {
			return List.of(WebhookEventType.SUBSTITUTION_ACCEPTED.wireName(),
					WebhookEventType.ORDER_LINE_CANCELLED.wireName(), WebhookEventType.REFUND_DUE.wireName());
		}
		if (what instanceof ShipPreferenceChanged) {
			return List.of(WebhookEventType.ORDER_SHIP_PREFERENCE_CHANGED.wireName());
		}
		if (what instanceof ItemsShipped) {
			return List.of(WebhookEventType.SHIPMENT_RECORDED.wireName());
		}
		return List.of();
	}

	/** The messages one event is told as, in order. */
	private static List<Message> messages(OrderEvent event, OrderView order, @Nullable RefundView refund) {
		List<Message> messages = new ArrayList<>();
		Object what = event.event();
		if (what instanceof LinesReplanned replanned) {
			for (LineMove move : replanned.lines()) {
				LineState before = move.before();
				if (before == null) {
					continue;
				}
				LineState after = move.after();
				boolean status = before.status() != after.status() || before.allocated() != after.allocated()
						|| before.scheduled() != after.scheduled() || before.unscheduled() != after.unscheduled();
				boolean eta = !Objects.equals(before.eta(), after.eta());
				if (status) {
					messages.add(new Message(WebhookEventType.ORDER_LINE_STATUS_CHANGED,
							lineChange(event, order, move, replanned)));
				}
				if (eta) {
					messages.add(new Message(WebhookEventType.ORDER_LINE_ETA_CHANGED,
							lineChange(event, order, move, replanned)));
				}
			}
		}
		else if (what instanceof ItemCancelled cancelled) {
			Map<String, Object> data = data(event, order);
			data.put("line", line(order, cancelled.lineId(), cancelled.sku()));
			data.put("reason", cancelled.reason().name());
			data.put("quantity", cancelled.quantity());
			data.put("before", state(cancelled.before()));
			data.put("after", state(cancelled.after()));
			data.put("refund", (refund != null) ? refund(refund) : null);
			messages.add(new Message(WebhookEventType.ORDER_LINE_CANCELLED, data));
			refundDue(event, order, refund, cancelled.sku(), messages);
		}
		else if (what instanceof SubstituteAccepted accepted) {
			Map<String, Object> data = data(event, order);
			data.put("offerId", accepted.offerId());
			data.put("line", line(order, accepted.lineId(), accepted.sku()));
			data.put("substitute", line(order, accepted.newLineId(), accepted.substituteSku()));
			data.put("quantity", accepted.quantity());
			data.put("cancelled", accepted.cancelled());
			data.put("priceDifferenceCents", accepted.priceDifferenceCents());
			data.put("currency", accepted.currency());
			data.put("refund", (refund != null) ? refund(refund) : null);
			messages.add(new Message(WebhookEventType.SUBSTITUTION_ACCEPTED, data));
			if (accepted.cancelled() > 0) {
				Map<String, Object> cancelled = data(event, order);
				cancelled.put("line", line(order, accepted.lineId(), accepted.sku()));
				cancelled.put("reason", CancelReason.SUBSTITUTE_ACCEPTED.name());
				cancelled.put("quantity", accepted.cancelled());
				cancelled.put("before", null);
				cancelled.put("after",
						order.lines()
							.stream()
							.filter((line) -> line.id() == accepted.lineId())
							.findFirst()
							.map((line) -> state(line.state()))
							.orElse(null));
				cancelled.put("refund", (refund != null) ? refund(refund) : null);
				messages.add(new Message(WebhookEventType.ORDER_LINE_CANCELLED, cancelled));
			}
			refundDue(event, order, refund, accepted.sku(), messages);
		}
		else if (what instanceof ShipPreferenceChanged changed) {
			Map<String, Object> data = data(event, order);
			// the choice as it was made, whatever the order says by the time this is read
			data.put("order", orderPart(order.number(), changed.after().name()));
			data.put("before", changed.before().name());
			data.put("after", changed.after().name());
			messages.add(new Message(WebhookEventType.ORDER_SHIP_PREFERENCE_CHANGED, data));
		}
		else if (what instanceof ItemsShipped shipped) {
			Map<String, Object> data = data(event, order);
			data.put("shipmentId", shipped.shipmentId());
			data.put("carrier", shipped.carrier());
			data.put("trackingNumber", shipped.trackingNumber());
			data.put("trackingUrl", shipped.trackingUrl());
			data.put("shipPreferenceOverridden", shipped.shipPreferenceOverridden());
			data.put("items", shipped.lines().stream().map((item) -> item(order, item)).toList());
			messages.add(new Message(WebhookEventType.SHIPMENT_RECORDED, data));
		}
		return messages;
	}

	private static void refundDue(OrderEvent event, OrderView order, @Nullable RefundView refund, String sku,
			List<Message> messages) {
		if (refund == null) {
			return;
		}
		Map<String, Object> data = data(event, order);
		Map<String, Object> due = refund(refund);
		due.put("line", line(order, refund.lineId(), sku));
		due.put("reason", refund.reason());
		due.put("quantity", refund.quantity());
		data.put("refund", due);
		messages.add(new Message(WebhookEventType.REFUND_DUE, data));
	}

	private static Map<String, Object> lineChange(OrderEvent event, OrderView order, LineMove move,
			LinesReplanned replanned) {
		Map<String, Object> data = data(event, order);
		data.put("line", line(order, move.lineId(), move.sku()));
		data.put("reason", replanned.reason().name());
		data.put("before", state(Objects.requireNonNull(move.before())));
		data.put("after", state(move.after()));
		data.put("note", replanned.note());
		return data;
	}

	private static Map<String, Object> data(OrderEvent event, OrderView order) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("order", orderPart(order.number(), order.shipPreference().name()));
		data.put("orderEventId", event.id());
		data.put("occurredAt", event.occurredAt().toString());
		return data;
	}

	private static Map<String, Object> orderPart(String number, String shipPreference) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("number", number);
		part.put("shipPreference", shipPreference);
		return part;
	}

	private static Map<String, Object> line(OrderView order, long lineId, String sku) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("id", lineId);
		line.put("sku", sku);
		order.lines().stream().filter((candidate) -> candidate.id() == lineId).findFirst().ifPresent((found) -> {
			line.put("lineNo", found.lineNo());
			line.put("quantity", found.quantity());
		});
		return line;
	}

	private static Map<String, Object> item(OrderView order, ItemsShipped.Item item) {
		Map<String, Object> shipped = line(order, item.lineId(), item.sku());
		shipped.remove("quantity");
		shipped.put("quantity", item.quantity());
		return shipped;
	}

	private static Map<String, Object> state(LineState state) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("status", state.status().name());
		part.put("allocated", state.allocated());
		part.put("scheduled", state.scheduled());
		part.put("unscheduled", state.unscheduled());
		part.put("eta", window(state.eta()));
		return part;
	}

	private static @Nullable Map<String, Object> window(@Nullable EtaWindow window) {
		if (window == null) {
			return null;
		}
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("earliest", window.earliest().toString());
		part.put("latest", window.latest().toString());
		return part;
	}

	private static Map<String, Object> refund(RefundView refund) {
		Map<String, Object> part = new LinkedHashMap<>();
		part.put("id", refund.id());
		part.put("amountCents", refund.amountCents());
		part.put("currency", refund.currency());
		return part;
	}

	/** One message: what it tells and its data. */
	private record Message(WebhookEventType type, Map<String, Object> data) {
	}

}
