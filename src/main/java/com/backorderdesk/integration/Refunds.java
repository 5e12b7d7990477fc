package com.backorderdesk.integration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import com.backorderdesk.ConflictException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import com.backorderdesk.orders.CancelReason;
import com.backorderdesk.orders.ItemCancelled;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.substitution.SubstituteAccepted;
import com.backorderdesk.timeline.OrderEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The refunds due for cancelled units, recorded in the transaction that cancels them,
 * from the order events it appends (so {@code orders} never depends on this module):
 * <ul>
 * <li>units cancelled by the customer, by staff or by the delay rule
 * ({@link ItemCancelled}): their quantity times the line's unit price, as paid;</li>
 * <li>units replaced by a substitute ({@link SubstituteAccepted}): the offer's price
 * difference decides. A cheaper substitute leaves the difference due back; an equal or
 * dearer one leaves nothing due (the customer agreed to pay the difference, which is the
 * payment system's to collect, from {@code substitution.accepted}).</li>
 * </ul>
 * A free item leaves nothing due. Staff mark refunds paid on the refunds page; each mark
 * is audited.
 */
@Service
public class Refunds {

	private static final String COLUMNS = """
			id, order_id, line_id, order_event_id, reason, quantity, amount_cents, currency, status, created_at,
			refunded_at, refunded_by, version""";

	private final DatabaseClient db;

	private final OrderService orders;

	private final AuditLog audit;

	private final Clock clock;

	private final OrderEventLog events;

	Refunds(DatabaseClient db, OrderService orders, AuditLog audit, OrderEventLog events, Clock clock) {
		this.db = db;
		this.events = events;
		this.orders = orders;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records the refunds that appended events make due, in the caller's transaction.
	 * @param events the events as appended
	 * @return the refunds recorded, by the id of the event each is due for
	 */
	Mono<Map<Long, RefundView>> record(List<OrderEvent> events) {
		List<OrderEvent> relevant = events.stream().filter(Refunds::makesDue).toList();
		if (relevant.isEmpty()) {
			return Mono.just(Map.of());
		}
		Set<Long> orderIds = new LinkedHashSet<>();
		relevant.forEach((event) -> orderIds.add(event.orderId()));
		return this.orders.findAll(orderIds).flatMap((found) -> {
			List<Due> due = new ArrayList<>();
			for (OrderEvent event : relevant) {
				Due one = due(event, found.get(event.orderId()));
				if (one != null) {
					due.add(one);
				}
			}
			return insert(due);
		});
	}

	private static boolean makesDue(OrderEvent event) {
		if (event.event() instanceof ItemCancelled cancelled) {
			// a substitute's difference decides, when it is accepted
			return cancelled.reason() != CancelReason.SUBSTITUTE_ACCEPTED && cancelled.quantity() > 0;
		}
		return event.event() instanceof SubstituteAccepted accepted && accepted.priceDifferenceCents() < 0;
	}

	private static @org.jspecify.annotations.Nullable Due due(OrderEvent event,
			@org.jspecify.annotations.Nullable OrderView order) {
		if (event.event() instanceof SubstituteAccepted accepted) {
			int units = (accepted.cancelled() > 0) ? accepted.cancelled() : accepted.quantity();
			return new Due(event.orderId(), accepted.lineId(), event.id(), CancelReason.SUBSTITUTE_ACCEPTED.name(),
					units, -accepted.priceDifferenceCents(), accepted.currency());
		}
		ItemCancelled cancelled = (ItemCancelled) event.event();
		OrderLineView line = (order != null) ? order.lines()
			.stream()
			.filter((candidate) -> candidate.id() == cancelled.lineId())
			.findFirst()
			.orElse(null) : null;
		if (line == null || line.unitPriceCents() == 0) {
			return null;
		}
		// bounded prices times bounded quantities fit (InputRules); older rows may not
		long amount = Math.multiplyExact(line.unitPriceCents(), (long) cancelled.quantity());
		return new Due(event.orderId(), line.id(), event.id(), cancelled.reason().name(), cancelled.quantity(), amount,
				line.currency());
	}

	private Mono<Map<Long, RefundView>> insert(List<Due> due) {
		if (due.isEmpty()) {
			return Mono.just(Map.of());
		}
		Instant now = this.clock.instant();
		return this.db.sql("""
				insert into refund (order_id, line_id, order_event_id, reason, quantity, amount_cents, currency,
					created_at)
				select u.order_id, u.line_id, u.event_id, u.reason, u.quantity, u.amount, u.currency, :now
				from unnest(:orderIds::bigint[], :lineIds::bigint[], :eventIds::bigint[], :reasons::text[],
					:quantities::int[], :amounts::bigint[], :currencies::text[])
					with ordinality as u(order_id, line_id, event_id, reason, quantity, amount, currency, position)
				order by u.position
				on conflict (order_event_id) do nothing
				returning\s""" + COLUMNS)
			.bind("orderIds", due.stream().map(Due::orderId).toArray(Long[]::new))
			.bind("lineIds", due.stream().map(Due::lineId).toArray(Long[]::new))
			.bind("eventIds", due.stream().map(Due::eventId).toArray(Long[]::new))
			.bind("reasons", due.stream().map(Due::reason).toArray(String[]::new))
			.bind("quantities", due.stream().map(Due::quantity).toArray(Integer[]::new))
			.bind("amounts", due.stream().map(Due::amountCents).toArray(Long[]::new))
			.bind("currencies", due.stream().map(Due::currency).toArray(String[]::new))
			.bind("now", now)
			.map(Refunds::read)
			.all()
			.collectMap(RefundView::orderEventId);
	}

	/**
	 * The refunds of some orders, oldest first.
	 * @param orderIds the orders
	 * @return by order id; orders without refunds are absent
	 */
	public Mono<Map<Long, List<RefundView>>> ofOrders(Collection<Long> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("select " + COLUMNS + " from refund where order_id = any(:ids) order by id")
			.bind("ids", orderIds.toArray(Long[]::new))
			.map(Refunds::read)
			.all()
			.collectList()
			.map((refunds) -> {
				Map<Long, List<RefundView>> byOrder = new LinkedHashMap<>();
				refunds.forEach(
						(refund) -> byOrder.computeIfAbsent(refund.orderId(), (id) -> new ArrayList<>()).add(refund));
				return byOrder;
			});
	}

	/**
	 * The refunds queue: what is due, oldest first, then what was marked refunded, newest
	 * first.
	 * @param status {@link RefundView#DUE} or {@link RefundView#REFUNDED}
	 * @param limit the most refunds to return
	 * @return the refunds
	 */
	public Mono<List<RefundView>> queue(String status, int limit) {
		boolean due = RefundView.DUE.equals(status);
		return this.db
			.sql("select " + COLUMNS + " from refund where status = :status order by "
					+ (due ? "created_at, id" : "refunded_at desc, id desc") + " limit :limit")
			.bind("status", due ? RefundView.DUE : RefundView.REFUNDED)
			.bind("limit", limit)
			.map(Refunds::read)
			.all()
			.collectList();
	}

	/**
	 * Marks a refund paid, with an audit entry and a {@link RefundPaid} event on the
	 * order's timeline, in one transaction.
	 * @param id the refund
	 * @param version the version the member of staff saw
	 * @param actor who paid it
	 * @return the refund now; {@link NotFoundException} when there is none,
	 * {@link ConflictException} (with the refund now) when it changed since it was seen,
	 * or was already marked
	 */
	@Transactional
	public Mono<RefundView> markRefunded(long id, long version, String actor) {
		return find(id).switchIfEmpty(Mono.error(() -> new NotFoundException("", "No refund " + id)))
			.flatMap((before) -> {
				if (before.version() != version || !before.due()) {
					return Mono.error(new ConflictException(
							before.due() ? "Someone else changed this refund first; here it is now."
									: "This refund was already marked refunded by " + before.refundedBy() + ".",
							before));
				}
				return this.db.sql("""
						update refund set status = 'REFUNDED', refunded_at = :now, refunded_by = :actor,
							version = version + 1
						where id = :id and version = :version and status = 'DUE'
						returning\s""" + COLUMNS)
					.bind("now", this.clock.instant())
					.bind("actor", actor)
					.bind("id", id)
					.bind("version", version)
					.map(Refunds::read)
					.one()
					.switchIfEmpty(Mono.defer(() -> find(id).flatMap((now) -> Mono
						.error(new ConflictException("Someone else changed this refund first; here it is now.", now)))))
					.flatMap((after) -> this.audit
						.record(actor, "REFUND_MARKED_REFUNDED", "refund " + id, audited(before), audited(after))
						.then(paid(after, actor))
						.thenReturn(after));
			});
	}

	private Mono<Long> paid(RefundView refund, String actor) {
		return this.orders.findAll(List.of(refund.orderId()))
			.flatMap((found) -> Mono.justOrEmpty(found.get(refund.orderId())))
			.flatMap((order) -> Mono
				.justOrEmpty(order.lines().stream().filter((line) -> line.id() == refund.lineId()).findFirst()))
			.flatMap((line) -> this.events.append(new NewOrderEvent(refund.orderId(),
					new RefundPaid(refund.id(), refund.lineId(), line.sku(), refund.amountCents(), refund.currency()),
					actor)));
	}

	/**
	 * Reads one refund.
	 * @param id the refund
	 * @return the refund, or empty when there is none
	 */
	public Mono<RefundView> find(long id) {
		return this.db.sql("select " + COLUMNS + " from refund where id = :id").bind("id", id).map(Refunds::read).one();
	}

	private static Map<String, Object> audited(RefundView refund) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("orderId", refund.orderId());
		state.put("lineId", refund.lineId());
		state.put("amountCents", refund.amountCents());
		state.put("currency", refund.currency());
		state.put("status", refund.status());
		state.put("version", refund.version());
		return state;
	}

	private static RefundView read(Readable row) {
		return new RefundView(row.get("id", Long.class), row.get("order_id", Long.class),
				row.get("line_id", Long.class), row.get("order_event_id", Long.class), row.get("reason", String.class),
				row.get("quantity", Integer.class), row.get("amount_cents", Long.class),
				row.get("currency", String.class), row.get("status", String.class),
				row.get("created_at", Instant.class), row.get("refunded_at", Instant.class),
				row.get("refunded_by", String.class), row.get("version", Long.class));
	}

	private record Due(long orderId, long lineId, long eventId, String reason, int quantity, long amountCents,
			String currency) {
	}

}
