package com.backorderdesk;

import org.jspecify.annotations.Nullable;

/**
 * Reads enum constants from request parameters without throwing: a value a user can send
 * that names no constant is simply none.
 */
public final class Enums {

	private Enums() {
	}

	/**
	 * Finds the constant with the exact name.
	 * @param type the enum
	 * @param value the name, or {@code null}
	 * @return the constant, or {@code null} when the value names none
	 */
	public static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
		if (value == null) {
			return null;
		}
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(value)) {
				return constant;
			}
		}
		return null;
	}

}
