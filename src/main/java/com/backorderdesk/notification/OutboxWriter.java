package com.backorderdesk.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.Shipments;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.timeline.OrderEvent;
import com.backorderdesk.timeline.OrderEventAppendListener;
import org.springframework.stereotype.Component;

/**
 * Decides which e-mails appended order events call for and queues them in the same
 * transaction, so an e-mail exists exactly when its change was committed. Window changes
 * to one order are coalesced into the pending e-mail of that order, which goes out when
 * the coalescing window ends and tells the net change.
 */
@Component
class OutboxWriter implements OrderEventAppendListener {

	private static final String STATUS_CHANGED = "STATUS_CHANGED";

	private static final String ETA_CHANGED = "ETA_CHANGED";

	private final Outbox outbox;

	private final JsonMapper json;

	private final MailSettings settings;

	private final Clock clock;

	OutboxWriter(Outbox outbox, JsonMapper json, MailSettings settings, Clock clock) {
		this.outbox = outbox;
		this.json = json;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Mono<Void> appended(List<OrderEvent> events) {
		Instant now = this.clock.instant();
		List<NewMail> mails = new ArrayList<>();
		Map<String, NewMail> windows = new LinkedHashMap<>();
		for (OrderEvent event : events) {
			JsonNode payload = this.json.readTree(event.payload());
			switch (event.type()) {
				case OrderService.ORDER_PLACED -> mails.add(mail(event, MailKind.CONFIRMATION, payload, now));
				case ETA_CHANGED -> window(event, payload.path("lines"), windows, now);
				case STATUS_CHANGED -> statusChanged(event, payload, mails, windows, now);
				case OrderChoices.ITEM_CANCELLED -> {
					// accepting a substitute cancels the original: the customer did that
					// on the page and sees it there
					if (!payload.path("reason").asString("").equals(SubstitutionService.SUBSTITUTE_ACCEPTED)) {
						mails.add(mail(event, MailKind.CANCELLED, payload, now));
					}
				}
				case SubstitutionService.SUBSTITUTE_OFFERED ->
					mails.add(mail(event, MailKind.SUBSTITUTE_OFFERED, payload, now));
				case Shipments.ITEMS_SHIPPED -> mails.add(mail(event, MailKind.SHIPPED, payload, now));
				case DelayNotices.DELAY_NOTICE -> mails.add(mail(event, MailKind.DELAY_NOTICE, payload, now));
				default -> {
				}
			}
		}
		return this.outbox.enqueue(mails).then(this.outbox.coalesce(List.copyOf(windows.values()))).then();
	}

	/**
	 * A status change can be good news (stock arrived: ready to ship) for some lines and
	 * a window change for others.
	 */
	private void statusChanged(OrderEvent event, JsonNode payload, List<NewMail> mails, Map<String, NewMail> windows,
			Instant now) {
		ArrayNode ready = this.json.createArrayNode();
		ArrayNode moved = this.json.createArrayNode();
		for (JsonNode line : payload.path("lines")) {
			JsonNode before = line.path("before");
			JsonNode after = line.path("after");
			String status = after.path("status").asString("");
			boolean gotStock = after.path("allocated").asInt() > before.path("allocated").asInt()
					&& (status.equals("ALLOCATED") || status.equals("PARTIALLY_ALLOCATED"));
			(gotStock ? ready : moved).add(line);
		}
		if (!ready.isEmpty()) {
			mails.add(mail(event, MailKind.READY_TO_SHIP, withLines(payload, ready), now));
		}
		window(event, moved, windows, now);
	}

	private void window(OrderEvent event, JsonNode lines, Map<String, NewMail> windows, Instant now) {
		if (lines.isEmpty()) {
			return;
		}
		String key = "eta:" + event.orderId();
		NewMail earlier = windows.get(key);
		ObjectNode model = this.json.createObjectNode();
		if (earlier != null) {
			// two window changes of one order in one append: merge before the statement,
			// which can touch a row once only
			ArrayNode merged = this.json.createArrayNode();
			Map<Long, JsonNode> byLine = new LinkedHashMap<>();
			this.json.readTree(earlier.model()).path("lines").forEach((line) -> byLine.put(lineId(line), line));
			for (JsonNode line : lines) {
				JsonNode first = byLine.remove(lineId(line));
				merged.add((first != null) ? ((ObjectNode) line.deepCopy()).set("before", first.path("before")) : line);
			}
			byLine.values().forEach(merged::add);
			model.set("lines", merged);
		}
		else {
			model.set("lines", lines);
		}
		windows.put(key, new NewMail(event.orderId(), null, MailKind.ETA_CHANGED, model.toString(),
				"event:" + event.id() + ":" + MailKind.ETA_CHANGED, key, now.plus(this.settings.coalescingWindow())));
	}

	private static long lineId(JsonNode line) {
		return line.path("lineId").asLong();
	}

	private JsonNode withLines(JsonNode payload, ArrayNode lines) {
		ObjectNode copy = (ObjectNode) payload.deepCopy();
		copy.set("lines", lines);
		return copy;
	}

	private static NewMail mail(OrderEvent event, MailKind kind, JsonNode model, Instant now) {
		return new NewMail(event.orderId(), null, kind, model.toString(), "event:" + event.id() + ":" + kind, null,
				now);
	}

}
