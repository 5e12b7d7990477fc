package com.backorderdesk.customer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.Shipments;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An order's timeline in the words its customer reads on the order page. Staff pages show
 * the same entries (template {@code fragments/timeline :: entries}), so a rep sees
 * exactly what the customer was told.
 */
@Component
public class OrderTimeline {

	private final OrderHistory history;

	private final ShopDates dates;

	private final MessageSource messages;

	private final JsonMapper json;

	OrderTimeline(OrderHistory history, ShopDates dates, MessageSource messages, JsonMapper json) {
		this.history = history;
		this.dates = dates;
		this.messages = messages;
		this.json = json;
	}

	/**
	 * Reads and words an order's timeline.
	 * @param order the order
	 * @param locale the reader's locale
	 * @return the entries, newest first
	 */
	public Mono<List<Entry>> entries(OrderView order, Locale locale) {
		PageText text = new PageText(this.messages, locale);
		Map<Long, String> names = order.lines()
			.stream()
			.collect(Collectors.toMap(OrderLineView::id, OrderLineView::productName));
		return this.history.history(order.id())
			.map((events) -> events.stream().map((event) -> entry(event, names, text)).toList());
	}

	/**
	 * The family of a line status, for styling its badge; the text carries the meaning.
	 * @param status the status
	 * @return {@code ready}, {@code waiting}, {@code none}, {@code done} or
	 * {@code cancelled}
	 */
	public static String badgeKind(LineStatus status) {
		return switch (status) {
			case ALLOCATED -> "ready";
			case PARTIALLY_ALLOCATED, BACKORDERED -> "waiting";
			case OUT_OF_STOCK -> "none";
			case SHIPPED -> "done";
			case CANCELLED -> "cancelled";
		};
	}

	/**
	 * Says what a line's state means: "In stock, being prepared", "1 ready now, 2 arrive
	 * Jan 12–15", "Out of stock, no restock date yet".
	 */
	String describe(LineStatus status, int allocated, int scheduled, int unscheduled, @Nullable EtaWindow eta,
			PageText text) {
		boolean mixed = status == LineStatus.PARTIALLY_ALLOCATED
				|| (status == LineStatus.BACKORDERED && unscheduled > 0);
		if (mixed) {
			List<String> parts = new ArrayList<>(3);
			if (allocated > 0) {
				parts.add(text.get("line.part.ready", allocated));
			}
			if (scheduled > 0 && eta != null) {
				parts.add(text.get("line.part.arrive", scheduled, this.dates.window(eta)));
			}
			if (unscheduled > 0) {
				parts.add(text.get("line.part.undated", unscheduled));
			}
			return String.join(", ", parts) + ".";
		}
		if (status == LineStatus.BACKORDERED && eta != null) {
			return text.get("line.backordered", this.dates.date(eta.earliest()), this.dates.date(eta.latest()));
		}
		return text.get("line." + status.name());
	}

	private Entry entry(OrderHistory.HistoryEvent event, Map<Long, String> names, PageText text) {
		JsonNode payload = this.json.readTree(event.payload());
		String title = text.getOrDefault("timeline.type." + event.type(), "timeline.type.other");
		String reason = payload.path("reason").isMissingNode() ? null
				: text.find("timeline.reason." + payload.path("reason").asString(""));
		List<String> details = new ArrayList<>();
		for (JsonNode change : payload.path("lines")) {
			String product = names.getOrDefault(change.path("lineId").asLong(), change.path("sku").asString(""));
			details.add(event.type().equals(Shipments.ITEMS_SHIPPED)
					? text.get("timeline.shipped", product, change.path("quantity").asInt())
					: detail(product, change.path("before"), change.path("after"), text));
		}
		return new Entry(event.id(), this.dates.moment(event.occurredAt()), event.occurredAt().toString(), title,
				reason, details);
	}

	private String detail(String product, JsonNode before, JsonNode after, PageText text) {
		EtaWindow afterEta = eta(after.path("eta"));
		EtaWindow beforeEta = eta(before.path("eta"));
		LineStatus afterStatus = status(after);
		if (afterStatus == null) {
			return product;
		}
		String describedAfter = describe(afterStatus, after.path("allocated").asInt(), after.path("scheduled").asInt(),
				after.path("unscheduled").asInt(), afterEta, text);
		if (afterStatus == status(before) && afterEta != null && beforeEta != null && !afterEta.equals(beforeEta)) {
			return text.get("timeline.moved", product, this.dates.window(afterEta), this.dates.window(beforeEta));
		}
		return text.get("timeline.line", product, describedAfter);
	}

	private static @Nullable LineStatus status(JsonNode state) {
		String name = state.path("status").asString("");
		for (LineStatus status : LineStatus.values()) {
			if (status.name().equals(name)) {
				return status;
			}
		}
		return null;
	}

	private static @Nullable EtaWindow eta(JsonNode eta) {
		String earliest = eta.path("earliest").asString("");
		String latest = eta.path("latest").asString("");
		if (earliest.isEmpty() || latest.isEmpty()) {
			return null;
		}
		return new EtaWindow(LocalDate.parse(earliest), LocalDate.parse(latest));
	}

	/**
	 * Something that happened to the order.
	 *
	 * @param id the event's id
	 * @param when when, in the shop's zone
	 * @param whenIso when, as ISO-8601 for {@code <time datetime>}
	 * @param title what happened
	 * @param reason why, when known
	 * @param details what it meant for each line
	 */
	public record Entry(long id, String when, String whenIso, String title, @Nullable String reason,
			List<String> details) {
	}

}
