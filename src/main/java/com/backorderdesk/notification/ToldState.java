package com.backorderdesk.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.orders.LineState;
import com.backorderdesk.orders.LineStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of what customers were last told: {@code mail_told_line},
 * {@code mail_told_order} and {@code mail_offer_reminder}. Written when an e-mail is
 * marked sent, in the same transaction, with what that e-mail said.
 */
@Repository
class ToldState {

	private final DatabaseClient db;

	ToldState(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * What the customers of some orders were last told, in three queries.
	 * @param orderIds the orders
	 * @return by order id; every order is present, {@link Told#nothing} when nothing was
	 * told yet
	 */
	Mono<Map<Long, Told>> of(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Long[] ids = orderIds.toArray(Long[]::new);
		Mono<Map<Long, Map<Long, Told.Line>>> lines = this.db.sql("""
				select line_id, order_id, status, allocated, scheduled, unscheduled, shipped, cancelled, eta_earliest,
					eta_latest
				from mail_told_line where order_id = any(:ids)
				""").bind("ids", ids).map((row) -> {
			LocalDate earliest = row.get("eta_earliest", LocalDate.class);
			LocalDate latest = row.get("eta_latest", LocalDate.class);
			LineState state = new LineState(LineStatus.valueOf(row.get("status", String.class)),
					row.get("allocated", Integer.class), row.get("scheduled", Integer.class),
					row.get("unscheduled", Integer.class),
					(earliest != null && latest != null) ? new EtaWindow(earliest, latest) : null);
			return new ToldRow(row.get("order_id", Long.class), row.get("line_id", Long.class),
					new Told.Line(state, row.get("shipped", Integer.class), row.get("cancelled", Integer.class)));
		}).all().collectList().map((rows) -> {
			Map<Long, Map<Long, Told.Line>> byOrder = new HashMap<>();
			rows.forEach((row) -> byOrder.computeIfAbsent(row.orderId(), (id) -> new HashMap<>())
				.put(row.lineId(), row.line()));
			return byOrder;
		});
		Mono<Map<Long, Long>> events = this.db
			.sql("select order_id, last_event_id from mail_told_order where order_id = any(:ids)")
			.bind("ids", ids)
			.map((row) -> Map.entry(row.get("order_id", Long.class), row.get("last_event_id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		Mono<Map<Long, Set<Long>>> reminded = this.db.sql("""
				select s.order_id, r.offer_id from mail_offer_reminder r
				join substitution_offer s on s.id = r.offer_id where s.order_id = any(:ids)
				""")
			.bind("ids", ids)
			.map((row) -> Map.entry(row.get("order_id", Long.class), row.get("offer_id", Long.class)))
			.all()
			.collectList()
			.map((rows) -> {
				Map<Long, Set<Long>> byOrder = new HashMap<>();
				rows.forEach(
						(row) -> byOrder.computeIfAbsent(row.getKey(), (id) -> new HashSet<>()).add(row.getValue()));
				return byOrder;
			});
		// one after the other: in a preview they share the transaction's connection
		return lines.zipWhen((found) -> events).zipWhen((found) -> reminded).map((found) -> {
			Map<Long, Told> told = new HashMap<>();
			for (Long orderId : orderIds) {
				told.put(orderId,
						new Told(orderId, found.getT1().getT1().getOrDefault(orderId, Map.of()),
								found.getT1().getT2().getOrDefault(orderId, 0L),
								found.getT2().getOrDefault(orderId, Set.of())));
			}
			return told;
		});
	}

	/**
	 * Records what e-mails just told: the lines they described, the newest event they
	 * took into account, and the offers they reminded of.
	 * @param told what each order's customer was told now; lines absent are left as they
	 * were
	 * @param now when
	 * @return completion
	 */
	Mono<Void> record(List<Told> told, Instant now) {
		if (told.isEmpty()) {
			return Mono.empty();
		}
		List<Long> lineIds = new ArrayList<>();
		List<Long> lineOrders = new ArrayList<>();
		List<String> statuses = new ArrayList<>();
		List<Integer> allocated = new ArrayList<>();
		List<Integer> scheduled = new ArrayList<>();
		List<Integer> unscheduled = new ArrayList<>();
		List<Integer> shipped = new ArrayList<>();
		List<Integer> cancelled = new ArrayList<>();
		List<String> earliest = new ArrayList<>();
		List<String> latest = new ArrayList<>();
		List<Long> offers = new ArrayList<>();
		for (Told order : told) {
			order.lines().forEach((lineId, line) -> {
				lineIds.add(lineId);
				lineOrders.add(order.orderId());
				statuses.add(line.state().status().name());
				allocated.add(line.state().allocated());
				scheduled.add(line.state().scheduled());
				unscheduled.add(line.state().unscheduled());
				shipped.add(line.shipped());
				cancelled.add(line.cancelled());
				EtaWindow eta = line.state().eta();
				earliest.add((eta != null) ? eta.earliest().toString() : null);
				latest.add((eta != null) ? eta.latest().toString() : null);
			});
			offers.addAll(order.remindedOffers());
		}
		Mono<Void> lines = lineIds.isEmpty() ? Mono.empty()
				: this.db
					.sql("""
							insert into mail_told_line (line_id, order_id, status, allocated, scheduled, unscheduled, shipped,
								cancelled, eta_earliest, eta_latest, told_at)
							select u.line_id, u.order_id, u.status, u.allocated, u.scheduled, u.unscheduled, u.shipped, u.cancelled,
								u.earliest::date, u.latest::date, :now
							from unnest(:lineIds::bigint[], :orderIds::bigint[], :statuses::text[], :allocated::int[],
								:scheduled::int[], :unscheduled::int[], :shipped::int[], :cancelled::int[], :earliest::text[],
								:latest::text[])
								as u(line_id, order_id, status, allocated, scheduled, unscheduled, shipped, cancelled, earliest, latest)
							on conflict (line_id) do update set status = excluded.status, allocated = excluded.allocated,
								scheduled = excluded.scheduled, unscheduled = excluded.unscheduled, shipped = excluded.shipped,
								cancelled = excluded.cancelled, eta_earliest = excluded.eta_earliest,
								eta_latest = excluded.eta_latest, told_at = excluded.told_at
							""")
					.bind("lineIds", lineIds.toArray(Long[]::new))
					.bind("orderIds", lineOrders.toArray(Long[]::new))
					.bind("statuses", statuses.toArray(String[]::new))
					.bind("allocated", allocated.toArray(Integer[]::new))
					.bind("scheduled", scheduled.toArray(Integer[]::new))
					.bind("unscheduled", unscheduled.toArray(Integer[]::new))
					.bind("shipped", shipped.toArray(Integer[]::new))
					.bind("cancelled", cancelled.toArray(Integer[]::new))
					.bind("earliest", earliest.toArray(String[]::new))
					.bind("latest", latest.toArray(String[]::new))
					.bind("now", now)
					.then();
		Mono<Void> orders = this.db.sql("""
				insert into mail_told_order (order_id, last_event_id, told_at)
				select u.order_id, u.last_event_id, :now
				from unnest(:orderIds::bigint[], :lastEventIds::bigint[]) as u(order_id, last_event_id)
				on conflict (order_id) do update
				set last_event_id = greatest(mail_told_order.last_event_id, excluded.last_event_id),
					told_at = excluded.told_at
				""")
			.bind("orderIds", told.stream().map(Told::orderId).toArray(Long[]::new))
			.bind("lastEventIds", told.stream().map(Told::lastEventId).toArray(Long[]::new))
			.bind("now", now)
			.then();
		Mono<Void> reminders = offers.isEmpty() ? Mono.empty() : this.db.sql("""
				insert into mail_offer_reminder (offer_id, reminded_at)
				select id, :now from unnest(:ids::bigint[]) as u(id)
				on conflict (offer_id) do nothing
				""").bind("ids", offers.toArray(Long[]::new)).bind("now", now).then();
		return lines.then(orders).then(reminders);
	}

	private record ToldRow(long orderId, long lineId, Told.Line line) {
	}

}
