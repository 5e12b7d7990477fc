package com.backorderdesk.staff.restocks;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.util.MultiValueMap;

/**
 * A submitted restock form: reads its fields, and keeps a message next to each field that
 * cannot be used, so the page can be shown again as it was sent.
 */
final class RestockForm {

	private final MultiValueMap<String, String> values;

	private final MessageSource messages;

	private final Locale locale;

	private final Map<String, String> errors = new LinkedHashMap<>();

	RestockForm(MultiValueMap<String, String> values, MessageSource messages, Locale locale) {
		this.values = values;
		this.messages = messages;
		this.locale = locale;
	}

	String text(String name) {
		String value = this.values.getFirst(name);
		return (value != null) ? value.strip() : "";
	}

	List<String> all(String name) {
		List<String> all = this.values.get(name);
		return (all != null) ? all : List.of();
	}

	/**
	 * A whole number between {@code min} and {@code max}, or {@code null} with a message.
	 */
	@Nullable Integer number(String name, int min, int max) {
		String text = text(name);
		try {
			int value = Integer.parseInt(text);
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		reject(name, "staff.restocks.error.number", min, max);
		return null;
	}

	/**
	 * A whole number between {@code min} and {@code max} when one was sent, or
	 * {@code null} when the field is blank or out of range (without a message).
	 */
	@Nullable Integer optionalNumber(String name, int min, int max) {
		try {
			int value = Integer.parseInt(text(name));
			return (value >= min && value <= max) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * A date, or {@code null}: blank when optional, otherwise with a message.
	 */
	@Nullable LocalDate date(String name, boolean required) {
		String text = text(name);
		if (text.isEmpty() && !required) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			reject(name, "staff.restocks.error.date");
			return null;
		}
	}

	/**
	 * Applies one of the services' rules to a field, so the form shows its message beside
	 * the other fields' before anything is sent to the service (which applies it again).
	 * @return the checked value, or {@code null} with the rule's message
	 */
	<T> @Nullable T check(String name, Supplier<T> rule) {
		try {
			return rule.get();
		}
		catch (InvalidInputException ex) {
			this.errors.putIfAbsent(name, String.valueOf(ex.getMessage()));
			return null;
		}
	}

	void reject(String name, String code, Object... args) {
		this.errors.putIfAbsent(name, this.messages.getMessage(code, args, this.locale));
	}

	/** Shows a service's refusal next to the field it names. */
	void reject(InvalidInputException ex) {
		this.errors.putIfAbsent(ex.getField(), ex.getMessage());
	}

	boolean valid() {
		return this.errors.isEmpty();
	}

	Map<String, String> errors() {
		return this.errors;
	}

	/** The values as sent, one per field, to show the form again. */
	Map<String, String> values() {
		return this.values.toSingleValueMap();
	}

}
