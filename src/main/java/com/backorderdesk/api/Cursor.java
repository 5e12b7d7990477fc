package com.backorderdesk.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.InvalidValueException;

/**
 * The opaque cursors of the API's lists: the sort key of a page's last row, so the next
 * page starts after it. Lists are sorted by a key that never changes (SKU or id) and new
 * rows take keys of their own, so rows added while a client pages never move a page.
 */
final class Cursor {

	private static final String PREFIX = "v1:";

	private Cursor() {
	}

	static String of(String key) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
	}

	static String of(long key) {
		return of(Long.toString(key));
	}

	/**
	 * The key a cursor carries.
	 * @param cursor the cursor, or {@code null} for the first page
	 * @return the key, or {@code null} for the first page
	 * @throws InvalidValueException for field {@code cursor} when this API did not give
	 * it
	 */
	static @Nullable String key(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (text.startsWith(PREFIX)) {
				return text.substring(PREFIX.length());
			}
		}
		catch (IllegalArgumentException ex) {
			// not base64: refused below
		}
		throw new InvalidValueException("cursor", "is not a cursor this API gave; use nextCursor of a page");
	}

	static @Nullable Long id(@Nullable String cursor) {
		String key = key(cursor);
		if (key == null) {
			return null;
		}
		try {
			return Long.valueOf(key);
		}
		catch (NumberFormatException ex) {
			throw new InvalidValueException("cursor", "is not a cursor of this list; use nextCursor of a page");
		}
	}

	/**
	 * A page's size.
	 * @param limit the size asked for, or {@code null} for {@value ApiPage#DEFAULT_LIMIT}
	 * @return the size
	 * @throws InvalidValueException for field {@code limit} out of 1 to
	 * {@value ApiPage#MAX_LIMIT}
	 */
	static int limit(@Nullable Integer limit) {
		if (limit == null) {
			return ApiPage.DEFAULT_LIMIT;
		}
		if (limit < 1 || limit > ApiPage.MAX_LIMIT) {
			throw new InvalidValueException("limit", "must be 1 to " + ApiPage.MAX_LIMIT);
		}
		return limit;
	}

}
