package com.backorderdesk.staff.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.backorderdesk.audit.AuditEntry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads an audit entry's before and after (JSON, as
 * {@link com.backorderdesk.audit.AuditLog} keeps them) into what changed, field by field,
 * in words, with links to what the entry is about: the order, the restock or restocks,
 * the e-mail, the staff account.
 */
@Component
class AuditChanges {

	/**
	 * The most fields one entry shows; an import of thousands of rows says how many more.
	 */
	static final int MAX_CHANGES = 40;

	/** The most related restocks one entry links to. */
	static final int MAX_LINKS = 20;

	private static final Pattern SUBJECT = Pattern.compile("(order|restock|e-mail|staff) (\\S+)");

	private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

	private final JsonMapper json;

	private final MessageSource messages;

	AuditChanges(JsonMapper json, MessageSource messages) {
		this.json = json;
		this.messages = messages;
	}

	/**
	 * One entry as the audit page shows it.
	 * @param entry the entry
	 * @param when when it happened, as the page shows it
	 * @return the row
	 */
	Row row(AuditEntry entry, String when, Locale locale) {
		Map<String, String> before = flatten(entry.before(), locale);
		Map<String, String> after = flatten(entry.after(), locale);
		Set<String> fields = new LinkedHashSet<>(before.keySet());
		fields.addAll(after.keySet());
		List<Change> changes = new ArrayList<>();
		int more = 0;
		for (String field : fields) {
			String was = before.get(field);
			String now = after.get(field);
			if (Objects.equals(was, now) && entry.before() != null && entry.after() != null) {
				continue;
			}
			if (changes.size() < MAX_CHANGES) {
				changes.add(new Change(label(field, locale), (was != null) ? was : "", (now != null) ? now : ""));
			}
			else {
				more++;
			}
		}
		List<Link> links = new ArrayList<>();
		Link subject = subjectLink(entry.subject());
		if (subject != null) {
			links.add(subject);
		}
		for (String id : restockIds(entry)) {
			if (links.size() >= MAX_LINKS) {
				break;
			}
			Link link = new Link("restock " + id, "/staff/restocks/" + id);
			if (!links.contains(link)) {
				links.add(link);
			}
		}
		String action = this.messages.getMessage("staff.audit.action." + entry.action(), null, entry.action(), locale);
		return new Row(entry, when, Objects.requireNonNull(action), changes, more, links);
	}

	/**
	 * A JSON value as fields and their values in words: objects by their property names,
	 * arrays of objects by their {@code id} ({@code restocks[42].expectedOn}), other
	 * arrays as one list. A top-level {@code restock} object is the entry's restock
	 * itself.
	 */
	Map<String, String> flatten(@Nullable String text, Locale locale) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (text == null) {
			return fields;
		}
		JsonNode root;
		try {
			root = this.json.readTree(text);
		}
		catch (JacksonException ex) {
			fields.put("value", text);
			return fields;
		}
		if (root.isObject() && root.get("restock") != null && root.get("restock").isObject()) {
			flatten(root.get("restock"), "", fields, locale);
			root.properties()
				.stream()
				.filter((property) -> !property.getKey().equals("restock"))
				.forEach((property) -> flatten(property.getValue(), property.getKey(), fields, locale));
		}
		else {
			flatten(root, "", fields, locale);
		}
		return fields;
	}

	private void flatten(JsonNode node, String path, Map<String, String> fields, Locale locale) {
		if (node.isObject()) {
			node.properties()
				.forEach((property) -> flatten(property.getValue(), join(path, property.getKey()), fields, locale));
		}
		else if (node.isArray() && node.size() > 0 && node.get(0).isObject() && node.get(0).has("id")) {
			for (JsonNode element : node.values()) {
				String id = element.has("id") ? element.get("id").asString() : "?";
				element.properties()
					.stream()
					.filter((property) -> !property.getKey().equals("id"))
					.forEach((property) -> flatten(property.getValue(), path + "[" + id + "]." + property.getKey(),
							fields, locale));
			}
		}
		else if (node.isArray()) {
			List<String> values = new ArrayList<>();
			node.values().forEach((element) -> values.add(value(element, locale)));
			fields.put(path.isEmpty() ? "value" : path, String.join(", ", values));
		}
		else {
			fields.put(path.isEmpty() ? "value" : path, value(node, locale));
		}
	}

	private String value(JsonNode node, Locale locale) {
		if (node.isNull()) {
			return "—";
		}
		if (node.isBoolean()) {
			return this.messages.getMessage(node.asBoolean() ? "staff.audit.yes" : "staff.audit.no", null, locale);
		}
		if (node.isValueNode()) {
			return node.asString();
		}
		return node.toString();
	}

	/**
	 * A field's path in words: {@code restocks[42].expectedOn} is "restock 42: expected
	 * on".
	 */
	private String label(String path, Locale locale) {
		StringBuilder label = new StringBuilder();
		for (String part : path.split("\\.")) {
			if (!label.isEmpty()) {
				label.append(": ");
			}
			int bracket = part.indexOf('[');
			if (bracket > 0 && part.endsWith("]")) {
				String name = part.substring(0, bracket);
				String singular = name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
				label.append(words(singular, locale)).append(' ').append(part, bracket + 1, part.length() - 1);
			}
			else {
				label.append(words(part, locale));
			}
		}
		return label.toString();
	}

	private String words(String name, Locale locale) {
		String fallback = String.join(" ", CAMEL.split(name)).toLowerCase(Locale.ROOT);
		return Objects.requireNonNull(this.messages.getMessage("staff.audit.field." + name, null, fallback, locale));
	}

	private static String join(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

	private static @Nullable Link subjectLink(String subject) {
		Matcher matcher = SUBJECT.matcher(subject);
		if (!matcher.matches()) {
			return null;
		}
		String id = matcher.group(2);
		String href = switch (matcher.group(1)) {
			case "order" ->
				UriComponentsBuilder.fromPath("/staff/orders/{number}").encode().buildAndExpand(id).toUriString();
			case "restock" -> id.matches("\\d+") ? "/staff/restocks/" + id : null;
			case "e-mail" -> id.matches("\\d+") ? "/staff/outbox#mail-" + id : null;
			default -> "/staff/admin/users";
		};
		return (href != null) ? new Link(subject, href) : null;
	}

	/** The restocks an entry about many restocks names, in its before and after. */
	private Set<String> restockIds(AuditEntry entry) {
		Set<String> ids = new LinkedHashSet<>();
		for (String text : new String[] { entry.before(), entry.after() }) {
			if (text == null || !entry.action().startsWith("RESTOCKS_")) {
				continue;
			}
			try {
				JsonNode root = this.json.readTree(text);
				for (String list : new String[] { "restocks", "created" }) {
					JsonNode restocks = root.get(list);
					if (restocks != null && restocks.isArray()) {
						restocks.values()
							.stream()
							.filter((restock) -> restock.has("id"))
							.forEach((restock) -> ids.add(restock.get("id").asString()));
					}
				}
			}
			catch (JacksonException ex) {
				// not JSON: nothing to link
			}
		}
		return ids;
	}

	/**
	 * An entry as the page shows it.
	 *
	 * @param entry the entry
	 * @param when when it happened, in the shop's zone
	 * @param action what was done, in words
	 * @param changes what changed, field by field
	 * @param more how many changed fields are not shown
	 * @param links what the entry is about
	 */
	record Row(AuditEntry entry, String when, String action, List<Change> changes, int more, List<Link> links) {
	}

	/**
	 * One field's change.
	 *
	 * @param field the field, in words
	 * @param before its value before, or empty for none
	 * @param after its value after, or empty for none
	 */
	record Change(String field, String before, String after) {
	}

	/**
	 * A link to what an entry is about.
	 *
	 * @param text the link's text
	 * @param href where it goes
	 */
	record Link(String text, String href) {
	}

}
