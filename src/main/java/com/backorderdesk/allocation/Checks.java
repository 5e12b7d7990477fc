package com.backorderdesk.allocation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Input checks shared by the engine's records, so bad input fails where it is built with
 * a message that names the offending line, restock or SKU.
 * <p>
 * Messages are only put together when a check fails: records are built a million times
 * per full recomputation, and building a message for every field would cost more than the
 * planning itself.
 */
final class Checks {

	private Checks() {
	}

	static void notNull(@Nullable Object value, String what) {
		if (value == null) {
			throw new IllegalArgumentException(what + " must not be null");
		}
	}

	static void notNegative(int value, String what) {
		if (value < 0) {
			throw new IllegalArgumentException(what + " must not be negative, was " + value);
		}
	}

	static void notNull(@Nullable Object value, String subject, long id, String field) {
		if (value == null) {
			throw new IllegalArgumentException(subject + " " + id + " " + field + " must not be null");
		}
	}

	static void notNegative(int value, String subject, long id, String field) {
		if (value < 0) {
			throw new IllegalArgumentException(
					subject + " " + id + " " + field + " must not be negative, was " + value);
		}
	}

	static <T> List<T> copyWithoutNulls(@Nullable List<T> values, String sku, String field) {
		if (values == null) {
			throw new IllegalArgumentException("SKU " + sku + " " + field + " must not be null");
		}
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) == null) {
				throw new IllegalArgumentException(
						"SKU " + sku + " " + field + " must not contain null (at index " + i + ")");
			}
		}
		return List.copyOf(values);
	}

}
