package com.backorderdesk.notification;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import com.backorderdesk.integration.RefundView;
import com.backorderdesk.integration.Refunds;
import com.backorderdesk.orders.DelayNotices;
import com.backorderdesk.orders.DelayQuestion;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.timeline.OrderEvent;
import com.backorderdesk.timeline.OrderEventStream;
import org.springframework.stereotype.Component;

/**
 * Reads the news of many orders at once, through the owning modules' services: a batch of
 * e-mails costs the same handful of queries however many orders it holds. The queries run
 * one after another, so that a preview can read inside its transaction.
 */
@Component
class OrderNewsReader {

	private final OrderService orders;

	private final ToldState told;

	private final OrderEventStream events;

	private final DelayNotices delays;

	private final SubstitutionService substitutions;

	private final Refunds refunds;

	OrderNewsReader(OrderService orders, ToldState told, OrderEventStream events, DelayNotices delays,
			SubstitutionService substitutions, Refunds refunds) {
		this.orders = orders;
		this.told = told;
		this.events = events;
		this.delays = delays;
		this.substitutions = substitutions;
		this.refunds = refunds;
	}

	/**
	 * Reads the news of some orders.
	 * @param orderIds the orders
	 * @return by order id; orders that no longer exist are absent
	 */
	Mono<Map<Long, OrderNews>> read(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Set<Long> ids = Set.copyOf(orderIds);
		return this.orders.findAll(ids).zipWhen((found) -> this.told.of(found.keySet())).flatMap((loaded) -> {
			Map<Long, OrderView> found = loaded.getT1();
			Map<Long, Told> told = loaded.getT2();
			Map<Long, Long> after = new HashMap<>();
			told.forEach((orderId, state) -> after.put(orderId, state.lastEventId()));
			return this.events.after(after)
				.zipWhen((events) -> this.delays.openQuestions(found.keySet()))
				.zipWhen((more) -> this.substitutions.openOffers(found.keySet()))
				.zipWhen((more) -> this.orders.restockNotes(found.keySet()))
				.zipWhen((more) -> this.refunds.ofOrders(found.keySet()))
				.map((more) -> assemble(found, told, more.getT1().getT1().getT1().getT1(),
						more.getT1().getT1().getT1().getT2(), more.getT1().getT1().getT2(), more.getT1().getT2(),
						more.getT2()));
		});
	}

	private static Map<Long, OrderNews> assemble(Map<Long, OrderView> orders, Map<Long, Told> told,
			Map<Long, List<OrderEvent>> events, Map<Long, List<DelayQuestion>> questions, List<OfferView> offers,
			Map<Long, String> notes, Map<Long, List<RefundView>> refunds) {
		Map<Long, OrderNews> news = new HashMap<>();
		orders.forEach((orderId, order) -> news.put(orderId,
				new OrderNews(order, told.getOrDefault(orderId, Told.nothing(orderId)),
						events.getOrDefault(orderId, List.of()), questions.getOrDefault(orderId, List.of()),
						offers.stream().filter((offer) -> offer.orderId() == orderId).toList(), notesOf(order, notes),
						refunds.getOrDefault(orderId, List.of()))));
		return news;
	}

	private static Map<Long, String> notesOf(OrderView order, Map<Long, String> notes) {
		Map<Long, String> of = new HashMap<>();
		order.lines().forEach((line) -> {
			String note = notes.get(line.id());
			if (note != null) {
				of.put(line.id(), note);
			}
		});
		return of;
	}

}
