package com.backorderdesk.timeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The one place where timeline events become JSON and JSON becomes timeline events again:
 * every event is stored under the name its module registered, and every stored row is
 * read back into that module's record. Rows written before a record gained a field read
 * that field as its default; a row of a kind nobody registers reads as
 * {@link UnknownEvent}.
 */
@Component
class OrderEventCodec {

	private static final Log logger = LogFactory.getLog(OrderEventCodec.class);

	private final JsonMapper json;

	private final Map<String, Class<? extends TimelineEvent>> byName = new HashMap<>();

	private final Map<Class<? extends TimelineEvent>, String> names = new HashMap<>();

	OrderEventCodec(JsonMapper json, List<TimelineEventTypes> modules) {
		this.json = json.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
			.build();
		for (TimelineEventTypes module : modules) {
			for (TimelineEventType type : module.types()) {
				register(type.name(), type.type());
				type.aliases().forEach((alias) -> register(alias, type.type()));
				if (this.names.putIfAbsent(type.type(), type.name()) != null) {
					throw new IllegalStateException(type.type().getName() + " is registered twice");
				}
			}
		}
	}

	private void register(String name, Class<? extends TimelineEvent> type) {
		Class<? extends TimelineEvent> other = this.byName.putIfAbsent(name, type);
		if (other != null) {
			throw new IllegalStateException("Timeline event name " + name + " is registered for both " + other.getName()
					+ " and " + type.getName());
		}
	}

	/**
	 * The name an event is stored under.
	 * @param event the event
	 * @return its registered name
	 * @throws IllegalStateException when its record is not registered
	 */
	String name(TimelineEvent event) {
		String name = this.names.get(event.getClass());
		if (name == null) {
			throw new IllegalStateException(
					event.getClass().getName() + " is not registered: list it in its module's TimelineEventTypes bean");
		}
		return name;
	}

	/**
	 * The names a kind of event is stored under: its name and its aliases.
	 * @param type the event's record
	 * @return the names, none when the record is not registered
	 */
	List<String> names(Class<? extends TimelineEvent> type) {
		return this.byName.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(type))
			.map(Map.Entry::getKey)
			.sorted()
			.toList();
	}

	/**
	 * Whether events stored under a name end customers' access ({@link AccessRevoked}):
	 * their records are read for the hub's listeners, as live pages need the revision.
	 * @param type the stored name
	 * @return {@code true} for such a kind
	 */
	boolean revokesAccess(String type) {
		Class<? extends TimelineEvent> record = this.byName.get(type);
		return record != null && AccessRevoked.class.isAssignableFrom(record);
	}

	/** The classes registered, for the test that checks every event is. */
	Map<Class<? extends TimelineEvent>, String> registered() {
		return Map.copyOf(this.names);
	}

	String write(TimelineEvent event) {
		return this.json.writeValueAsString(event);
	}

	TimelineEvent read(String type, String payload) {
		Class<? extends TimelineEvent> record = this.byName.get(type);
		if (record == null) {
			return new UnknownEvent(type);
		}
		try {
			return this.json.readValue(payload, record);
		}
		catch (JacksonException ex) {
			logger.warn("Timeline event of type " + type + " cannot be read: " + ex.getOriginalMessage());
			return new UnknownEvent(type);
		}
	}

	/**
	 * Reads a row selected with {@link OrderEvent#COLUMNS}.
	 * @param row the row
	 * @return the event
	 */
	OrderEvent readRow(Readable row) {
		String type = row.get("type", String.class);
		return new OrderEvent(row.get("id", Long.class), row.get("order_id", Long.class), type,
				read(type, row.get("payload", String.class)), row.get("occurred_at", java.time.Instant.class),
				row.get("actor", String.class));
	}

}
