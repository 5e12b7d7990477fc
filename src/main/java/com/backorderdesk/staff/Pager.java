package com.backorderdesk.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where a staff list is, one page of it at a time, and the links to its other pages, for
 * the {@code staff/pager} fragment. Pages count from 1, as the {@code page} parameter and
 * the person reading them do.
 *
 * @param page this page, from 1, never past the last
 * @param pages how many pages there are, at least 1
 * @param total how many items the list holds in all
 * @param first the place of this page's first item, from 1; 0 when the list is empty
 * @param last the place of this page's last item; 0 when the list is empty
 * @param previous the address of the page before, or {@code null} on the first
 * @param next the address of the page after, or {@code null} on the last
 * @param links the pages to link to, in order: the first, the last and two either side of
 * this one, each with its address; a gap between two is a link of page 0
 */
public record Pager(int page, int pages, long total, long first, long last, @Nullable String previous,
		@Nullable String next, List<Link> links) {

	/** The highest page a request may ask for; anything beyond it asks for this one. */
	public static final int MAX_PAGE = 100_000;

	/**
	 * Reads the page a request asks for, never failing: missing, blank, negative, zero or
	 * unreadable ("abc", "1e3") gives 1, and anything above {@link #MAX_PAGE} (however
	 * many digits) gives {@link #MAX_PAGE}, which {@link #of} then brings back to the
	 * last page.
	 * @param page the {@code page} parameter as sent, or {@code null}
	 * @return a page from 1 to {@link #MAX_PAGE}
	 */
	public static int requested(@Nullable String page) {
		String text = (page != null) ? page.strip() : "";
		if (!text.matches("\\+?[0-9]+")) {
			return 1;
		}
		String digits = text.replaceFirst("^\\+?0*", "");
		if (digits.isEmpty()) {
			return 1;
		}
		return (digits.length() > 6) ? MAX_PAGE : Math.min(MAX_PAGE, Integer.parseInt(digits));
	}

	/**
	 * The page to show: the one asked for, or the last when the list is shorter.
	 * @param requested the page asked for, from 1
	 * @param total how many items the list holds
	 * @param size items per page, at least 1
	 * @return a page from 1 to the last
	 */
	public static int clamp(int requested, long total, int size) {
		return (int) Math.max(1, Math.min(requested, pages(total, size)));
	}

	/**
	 * Loads the page of a list to show, the one rule of every staff list: the list is
	 * counted first, then the page asked for is loaded, or the last when the list is
	 * shorter (the first, of an empty list), so a page past the end shows the last rather
	 * than nothing.
	 * @param <T> what a page is shown as
	 * @param requested the page asked for, from 1 (as {@link #requested} reads it)
	 * @param size items per page, at least 1
	 * @param count how many items the list holds
	 * @param load loads the page shown, given it (from 1, as {@link #clamp} gives it) and
	 * the list's total
	 * @return what {@code load} gives
	 */
	public static <T> Mono<T> load(int requested, int size, Mono<Long> count, PageLoader<T> load) {
		return count.flatMap((total) -> load.load(clamp(requested, total, size), total));
	}

	/**
	 * The row offset of a page, for SQL's {@code offset}.
	 * @param page the page, from 1
	 * @param size items per page
	 * @return how many items come before it
	 */
	public static long offset(int page, int size) {
		return (long) (Math.max(1, page) - 1) * size;
	}

	/**
	 * Describes one page of a list.
	 * @param page the page shown, from 1 (as {@link #clamp} gives it)
	 * @param total how many items the list holds in all
	 * @param size items per page, at least 1
	 * @param url the address of a page (given from 1), with the list's filters kept
	 * @return the pager
	 */
	public static Pager of(int page, long total, int size, IntFunction<String> url) {
		int pages = (int) pages(total, size);
		int current = Math.max(1, Math.min(page, pages));
		long first = (total == 0) ? 0 : offset(current, size) + 1;
		long last = Math.min(total, offset(current, size) + size);
		List<Link> links = new ArrayList<>();
		int before = 0;
		for (int n = 1; n <= pages; n++) {
			if (n == 1 || n == pages || Math.abs(n - current) <= 2) {
				if (before > 0 && n - before > 1) {
					links.add(new Link(0, "", false));
				}
				links.add(new Link(n, url.apply(n), n == current));
				before = n;
			}
		}
		return new Pager(current, pages, total, first, last, (current > 1) ? url.apply(current - 1) : null,
				(current < pages) ? url.apply(current + 1) : null, links);
	}

	/**
	 * How many items this page shows, for the list's count ("26 of 26" rather than "26–26
	 * of 26").
	 * @return from 0, for an empty list, to the page size
	 */
	public long shown() {
		return (this.total == 0) ? 0 : this.last - this.first + 1;
	}

	private static long pages(long total, int size) {
		return Math.max(1, (total + size - 1) / size);
	}

	/**
	 * Loads one page of a list, for {@link #load}.
	 *
	 * @param <T> what a page is shown as
	 */
	@FunctionalInterface
	public interface PageLoader<T> {

		/**
		 * Loads a page.
		 * @param page the page, from 1, never past the last
		 * @param total how many items the list holds in all
		 * @return what the page is shown as
		 */
		Mono<T> load(int page, long total);

	}

	/**
	 * A link to one page.
	 *
	 * @param page the page, from 1; 0 for a gap of pages not linked to
	 * @param url its address; empty for a gap
	 * @param current whether it is the page shown
	 */
	public record Link(int page, String url, boolean current) {
	}

}
