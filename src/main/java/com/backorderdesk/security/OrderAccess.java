package com.backorderdesk.security;

import java.util.LinkedHashSet;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

/**
 * Which orders this browser may see. A customer has no account: a matching lookup or a
 * valid signed link grants the browser session access to that one order, and to nothing
 * else.
 */
@Service
public class OrderAccess {

	private static final String GRANTED = OrderAccess.class.getName() + ".GRANTED";

	/** Bounds what one session can hold; the oldest grant goes first. */
	private static final int MAX_ORDERS = 20;

	/**
	 * Lets this browser session see an order. The session gets a new id, so an id planted
	 * before access was granted is worthless afterwards.
	 * @param exchange the current exchange
	 * @param orderId the order
	 * @return completion
	 */
	public Mono<Void> grant(ServerWebExchange exchange, long orderId) {
		return exchange.getSession().flatMap((session) -> {
			Set<Long> granted = new LinkedHashSet<>(granted(session));
			granted.remove(orderId);
			granted.add(orderId);
			while (granted.size() > MAX_ORDERS) {
				granted.remove(granted.iterator().next());
			}
			session.getAttributes().put(GRANTED, Set.copyOf(granted));
			return session.changeSessionId();
		});
	}

	/**
	 * Tells whether this browser session may see an order.
	 * @param exchange the current exchange
	 * @param orderId the order
	 * @return {@code true} when access was granted to this session
	 */
	public Mono<Boolean> isGranted(ServerWebExchange exchange, long orderId) {
		return exchange.getSession().map((session) -> granted(session).contains(orderId));
	}

	private static Set<Long> granted(WebSession session) {
		return session.getAttributeOrDefault(GRANTED, Set.of());
	}

}
