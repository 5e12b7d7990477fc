package com.backorderdesk.api;

import java.util.List;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list.
 *
 * @param <T> the rows
 * @param items the rows of this page, in the list's order
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last
 */
record ApiPage<T>(List<T> items, @Schema(types = {
		"string", "null" },
		description = "Pass as `cursor` for the next page; null on the last page") @Nullable String nextCursor){

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 200;

	/**
	 * A page from rows read with one more than the page holds, which says whether another
	 * page follows.
	 * @param <R> the rows read
	 * @param <T> the rows shown
	 * @param rows up to {@code limit + 1} rows
	 * @param limit the page's size
	 * @param key the cursor of a row
	 * @param view what a row shows
	 * @return the page
	 */
	static <R, T> ApiPage<T> of(List<R> rows, int limit, Function<R, String> key, Function<R, T> view) {
		List<R> shown = rows.subList(0, Math.min(limit, rows.size()));
		String next = (rows.size() > limit) ? key.apply(shown.get(shown.size() - 1)) : null;
		return new ApiPage<>(shown.stream().map(view).toList(), next);
	}

}
