package com.backorderdesk.timeline;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

/**
 * A page that follows one order live: the module that owns the page says how to read the
 * orders and how to render the parts of the page that change. {@link LivePages} renders
 * them once per order and locale for every stream of that order on this instance.
 *
 * @param <T> what is read for one order, the view the fragments are rendered from
 */
public interface LivePage<T> {

	/**
	 * The event name the page's script listens to.
	 * @return the name, such as {@code order}
	 */
	String eventName();

	/**
	 * Reads several orders with set-based queries, for one locale.
	 * @param orderIds the orders, at most a few hundred
	 * @param locale the readers' locale
	 * @return the views of the orders found, by order id
	 */
	Mono<Map<Long, T>> load(Collection<Long> orderIds, Locale locale);

	/**
	 * The newest event a view shows, so that a browser that has seen it is sent nothing.
	 * @param view the view
	 * @return the event id, 0 when the order has none
	 */
	long lastEventId(T view);

	/**
	 * Renders the fragments of one order, each an element with an id that the page's
	 * script swaps in. Forms carry {@link LivePages#CSRF_PLACEHOLDER} as their CSRF
	 * token; each stream's own token replaces it when sending. Called on an event loop:
	 * CPU only, no I/O.
	 * @param view the view
	 * @param locale the readers' locale
	 * @return the fragments, always as many and in the same order for one page
	 */
	List<String> render(T view, Locale locale);

}
