package com.backorderdesk.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;

/**
 * Writes a staff session's attributes as JSON and reads them back, for a fixed set of
 * types: the logged-in member of staff, strings, whole numbers and booleans.
 *
 * <p>
 * Nothing is deserialized by class name: a row that someone tampered with can name no
 * class to instantiate, and at worst yields a session without a login. Spring Session's
 * stores default to Java serialization, which turns a writable sessions table into code
 * execution; this is why the sessions here do not use it.
 */
final class SessionAttributes {

	private static final Log logger = LogFactory.getLog(SessionAttributes.class);

	private static final String STAFF = "staff";

	private static final String TEXT = "s";

	private static final String NUMBER = "n";

	private static final String FLAG = "b";

	private final JsonMapper json;

	SessionAttributes(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Writes attributes.
	 * @param attributes the session's attributes
	 * @return the JSON object
	 * @throws IllegalArgumentException for a value of a type that is not stored
	 */
	String write(Map<String, Object> attributes) {
		ObjectNode root = this.json.createObjectNode();
		attributes.forEach((name, value) -> root.set(name, value(name, value)));
		return this.json.writeValueAsString(root);
	}

	/**
	 * Reads attributes back; values of a kind it does not know are left out.
	 * @param stored the JSON object
	 * @return the attributes
	 */
	Map<String, Object> read(String stored) {
		Map<String, Object> attributes = new LinkedHashMap<>();
		JsonNode root = this.json.readTree(stored);
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			Object value = value(entry.getValue());
			if (value != null) {
				attributes.put(entry.getKey(), value);
			}
			else {
				logger.warn("Left out session attribute " + entry.getKey() + " of an unknown kind");
			}
		}
		return attributes;
	}

	/**
	 * The member of staff a session belongs to.
	 * @param attributes the session's attributes
	 * @return the member of staff, or {@code null} when nobody is logged in
	 */
	static @Nullable StaffPrincipal staff(Map<String, Object> attributes) {
		for (Object value : attributes.values()) {
			if (value instanceof SecurityContext context && context.getAuthentication() != null
					&& context.getAuthentication().getPrincipal() instanceof StaffPrincipal principal) {
				return principal;
			}
		}
		return null;
	}

	private ObjectNode value(String name, Object value) {
		ObjectNode node = this.json.createObjectNode();
		if (value instanceof SecurityContext context && context.getAuthentication() != null
				&& context.getAuthentication().getPrincipal() instanceof StaffPrincipal principal) {
			ObjectNode staff = node.putObject(STAFF);
			staff.put("id", principal.id());
			staff.put("username", principal.username());
			staff.put("displayName", principal.displayName());
			ArrayNode roles = staff.putArray("roles");
			principal.roles().stream().sorted().forEach((role) -> roles.add(role.name()));
		}
		else if (value instanceof String text) {
			node.put(TEXT, text);
		}
		else if (value instanceof Long || value instanceof Integer) {
			node.put(NUMBER, ((Number) value).longValue());
		}
		else if (value instanceof Boolean flag) {
			node.put(FLAG, flag);
		}
		else {
			throw new IllegalArgumentException("Session attribute " + name + " cannot be stored: " + describe(value)
					+ " is not one of the types staff sessions keep");
		}
		return node;
	}

	private static @Nullable Object value(JsonNode node) {
		JsonNode staff = node.get(STAFF);
		if (staff != null && staff.isObject()) {
			return context(staff);
		}
		JsonNode text = node.get(TEXT);
		if (text != null && text.isString()) {
			return text.stringValue();
		}
		JsonNode number = node.get(NUMBER);
		if (number != null && number.isIntegralNumber()) {
			return number.longValue();
		}
		JsonNode flag = node.get(FLAG);
		if (flag != null && flag.isBoolean()) {
			return flag.booleanValue();
		}
		return null;
	}

	private static @Nullable SecurityContext context(JsonNode staff) {
		Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
		for (JsonNode role : staff.path("roles")) {
			for (StaffRole known : StaffRole.values()) {
				if (known.name().equals(role.asString())) {
					roles.add(known);
				}
			}
		}
		if (!staff.path("id").isIntegralNumber() || !staff.path("username").isString() || roles.isEmpty()) {
			return null;
		}
		StaffPrincipal principal = new StaffPrincipal(staff.path("id").longValue(),
				staff.path("username").stringValue(), staff.path("displayName").asString(""), roles);
		Authentication authentication = StaffAuthenticationManager.authenticated(principal);
		return new SecurityContextImpl(authentication);
	}

	private static String describe(Object value) {
		if (value instanceof SecurityContext context) {
			Authentication authentication = context.getAuthentication();
			return "a security context of "
					+ ((authentication != null) ? authentication.getClass().getName() : "nobody");
		}
		return value.getClass().getName();
	}

}
