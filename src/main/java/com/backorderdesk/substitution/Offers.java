package com.backorderdesk.substitution;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

/**
 * The {@code substitution_offer} table. Callers own the transaction.
 */
@Repository
class Offers {

	private static final String STORED = """
			select s.id, s.order_id, c.number, s.line_id, l.sku as original_sku, s.substitute_sku, s.quantity,
				s.price_difference_cents, s.currency, s.expires_at, s.status
			from substitution_offer s
			join customer_order c on c.id = s.order_id
			join order_line l on l.id = s.line_id
			""";

	private static final String VIEW = """
			select s.*, p.name as substitute_name from substitution_offer s join product p on p.sku = s.substitute_sku
			""";

	private static final String ACTIVITY = """
			select s.id, c.number, l.sku as original_sku, op.name as original_name, s.substitute_sku,
				sp.name as substitute_name, s.quantity, s.price_difference_cents, s.currency, s.note, s.status,
				s.created_at, s.created_by, s.expires_at, s.decided_at, s.available
			from substitution_offer s
			join customer_order c on c.id = s.order_id
			join order_line l on l.id = s.line_id
			join product op on op.sku = l.sku
			join product sp on sp.sku = s.substitute_sku
			""";

	/**
	 * An offer the customer can still answer (alias {@code s}, bound {@code :now}): the
	 * order page shows these, and the workbench counts them. Whether one can be accepted
	 * is its {@code available} column, kept by {@link OfferAvailability}: the page shows
	 * Accept only then, and the workbench counts the others as no longer available.
	 */
	static final String OPEN = "s.status = 'OFFERED' and s.expires_at > :now";

	private final DatabaseClient db;

	Offers(DatabaseClient db) {
		this.db = db;
	}

	Mono<Long> insert(long orderId, NewOffer offer, long priceDifferenceCents, String currency, String actor) {
		return this.db.sql("""
				insert into substitution_offer (order_id, line_id, substitute_sku, quantity, price_difference_cents,
					currency, note, expires_at, created_by)
				values (:orderId, :lineId, :sku, :quantity, :difference, :currency, :note, :expiresAt, :actor)
				returning id
				""")
			.bind("orderId", orderId)
			.bind("lineId", offer.lineId())
			.bind("sku", offer.substituteSku())
			.bind("quantity", offer.quantity())
			.bind("difference", priceDifferenceCents)
			.bind("currency", currency)
			.bind("note", offer.note())
			.bind("expiresAt", offer.expiresAt())
			.bind("actor", actor)
			.map((row) -> row.get("id", Long.class))
			.one();
	}

	/**
	 * Offers a substitute to every queued line of a SKU, but lines whose order has the
	 * substitute already and lines with the same substitute on offer.
	 * @return the new offers' ids
	 */
	Mono<List<Long>> insertForQueue(OfferToAll offer, long substitutePriceCents, String currency, LocalDate threshold,
			int freeUnits, String actor) {
		return this.db
			.sql("with queued as (" + SubstitutionQueue.QUEUED_LINES
					+ """
							and l.sku = :sku),
							eligible as (
								select q.*, sum(q.waiting) over (order by coalesce(l.queue_priority, o.priority), o.placed_at,
									q.line_id) as running
								from queued q join customer_order o on o.id = q.order_id join order_line l on l.id = q.line_id
								where q.currency = :currency
									-- a price stored before prices had bounds could overflow the difference
									and q.unit_price_cents <= :maxCents
									and not exists (select 1 from order_line x where x.order_id = q.order_id and x.sku = :substitute)
									and not exists (select 1 from substitution_offer s
										where s.line_id = q.line_id and s.substitute_sku = :substitute and s.status = 'OFFERED')
							)
							insert into substitution_offer (order_id, line_id, substitute_sku, quantity, price_difference_cents,
								currency, note, expires_at, created_by)
							select q.order_id, q.line_id, :substitute, q.waiting,
								coalesce(cast(:perUnit as bigint) * q.waiting, (:price - q.unit_price_cents) * q.waiting),
								q.currency, :note, :expiresAt, :actor
							from eligible q
							where q.running <= :free
							order by q.line_id
							returning id
							""")
			.bind("free", freeUnits)
			.bind("threshold", threshold)
			.bind("sku", offer.sku())
			.bind("substitute", offer.substituteSku())
			.bind("perUnit", Parameter.fromOrEmpty(offer.priceDifferencePerUnitCents(), Long.class))
			.bind("price", substitutePriceCents)
			.bind("currency", currency)
			.bind("maxCents", InputRules.MAX_CENTS)
			.bind("note", offer.note())
			.bind("expiresAt", offer.expiresAt())
			.bind("actor", actor)
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList();
	}

	Mono<List<StoredOffer>> storedAll(List<Long> ids) {
		return this.db.sql(STORED + " where s.id = any(:ids) order by s.id")
			.bind("ids", ids.toArray(Long[]::new))
			.map(Offers::stored)
			.all()
			.collectList();
	}

	Mono<List<OfferView>> views(List<Long> ids) {
		return this.db.sql(VIEW + " where s.id = any(:ids) order by s.id")
			.bind("ids", ids.toArray(Long[]::new))
			.map(Offers::view)
			.all()
			.collectList();
	}

	/**
	 * The newest offers, whatever became of them.
	 */
	Mono<List<OfferActivity>> recent(int limit) {
		return this.db.sql(ACTIVITY + " order by s.id desc limit :limit")
			.bind("limit", limit)
			.map(Offers::activity)
			.all()
			.collectList();
	}

	/**
	 * Every offer made to one order, newest first.
	 */
	Mono<List<OfferActivity>> ofOrder(long orderId) {
		return this.db.sql(ACTIVITY + " where s.order_id = :orderId order by s.id desc")
			.bind("orderId", orderId)
			.map(Offers::activity)
			.all()
			.collectList();
	}

	/**
	 * Every offer made to several orders, newest first, by order number.
	 */
	Mono<Map<String, List<OfferActivity>>> ofOrders(Collection<Long> orderIds) {
		return this.db.sql(ACTIVITY + " where s.order_id = any(:orderIds) order by s.id desc")
			.bind("orderIds", orderIds.toArray(Long[]::new))
			.map(Offers::activity)
			.all()
			.collectList()
			.map((offers) -> {
				Map<String, List<OfferActivity>> byOrder = new LinkedHashMap<>();
				offers.forEach((offer) -> byOrder.computeIfAbsent(offer.orderNumber(), (number) -> new ArrayList<>())
					.add(offer));
				return byOrder;
			});
	}

	/**
	 * Reads an offer without locking it, to learn which locks deciding it needs.
	 */
	Mono<StoredOffer> peek(long id) {
		return this.db.sql(STORED + " where s.id = :id").bind("id", id).map(Offers::stored).one();
	}

	/**
	 * Locks an offer until the transaction ends, so one decision wins.
	 */
	Mono<StoredOffer> lock(long id) {
		return this.db.sql(STORED + " where s.id = :id for update of s").bind("id", id).map(Offers::stored).one();
	}

	Mono<Void> decide(long id, OfferStatus status) {
		return this.db.sql("""
				update substitution_offer set status = :status, decided_at = now(), version = version + 1
				where id = :id
				""").bind("id", id).bind("status", status.name()).then();
	}

	/**
	 * Withdraws the open offers for a line but one.
	 * @return the offers withdrawn
	 */
	Mono<List<StoredOffer>> withdrawOthers(long lineId, long keptId) {
		return claim(STORED + " where s.line_id = :lineId and s.id <> :keptId and s.status = 'OFFERED'",
				OfferStatus.WITHDRAWN, Map.of("lineId", lineId, "keptId", keptId));
	}

	/**
	 * Expires open offers that are due. Rows another transaction is deciding are skipped:
	 * that decision wins, or the next run expires them.
	 */
	Mono<List<StoredOffer>> expireDue(Instant now, int limit) {
		return claim(STORED + " where s.status = 'OFFERED' and s.expires_at <= :now order by s.id limit :limit",
				OfferStatus.EXPIRED, Map.of("now", now, "limit", limit));
	}

	private Mono<List<StoredOffer>> claim(String select, OfferStatus status, Map<String, Object> parameters) {
		return this.db.sql("with claimed as (" + select + """
				 for update of s skip locked)
				update substitution_offer s set status = :claimedStatus, decided_at = now(), version = s.version + 1
				from claimed where s.id = claimed.id
				returning claimed.*
				""")
			.bindValues(parameters)
			.bind("claimedStatus", status.name())
			.map(Offers::stored)
			.all()
			.collectList();
	}

	Mono<OfferView> find(long id) {
		return this.db.sql(VIEW + " where s.id = :id").bind("id", id).map(Offers::view).one();
	}

	/**
	 * The open offers of several orders.
	 * @return the offers, by order id then line id
	 */
	Mono<List<OfferView>> open(Collection<Long> orderIds, Instant now) {
		return this.db
			.sql(VIEW + " where s.order_id = any(:orderIds) and " + OPEN + " order by s.order_id, s.line_id, s.id")
			.bind("orderIds", orderIds.toArray(Long[]::new))
			.bind("now", now)
			.map(Offers::view)
			.all()
			.collectList();
	}

	/**
	 * The offers an order's customer accepted, oldest first.
	 */
	Mono<List<OfferView>> accepted(Collection<Long> orderIds) {
		return this.db
			.sql(VIEW + " where s.order_id = any(:orderIds) and s.status = 'ACCEPTED' order by s.line_id, s.id")
			.bind("orderIds", orderIds.toArray(Long[]::new))
			.map(Offers::view)
			.all()
			.collectList();
	}

	/**
	 * The open offers of some substitutes, to check whether their stock still covers
	 * them.
	 * @return the offers
	 */
	Mono<List<OfferAvailability.OpenOffer>> openFor(Collection<String> substituteSkus) {
		return this.db.sql("""
				select s.id, s.order_id, s.line_id, l.sku, s.substitute_sku, s.quantity, s.available
				from substitution_offer s join order_line l on l.id = s.line_id
				where s.status = 'OFFERED' and s.substitute_sku = any(:skus)
				order by s.id
				""")
			.bind("skus", substituteSkus.toArray(String[]::new))
			.map((row) -> new OfferAvailability.OpenOffer(row.get("id", Long.class), row.get("order_id", Long.class),
					row.get("line_id", Long.class), row.get("sku", String.class),
					row.get("substitute_sku", String.class), row.get("quantity", Integer.class),
					row.get("available", Boolean.class)))
			.all()
			.collectList();
	}

	Mono<Void> setAvailable(Collection<Long> ids, boolean available) {
		if (ids.isEmpty()) {
			return Mono.empty();
		}
		return this.db
			.sql("update substitution_offer set available = :available, version = version + 1 where id = any(:ids)")
			.bind("available", available)
			.bind("ids", ids.toArray(Long[]::new))
			.then();
	}

	private static StoredOffer stored(Readable row) {
		return new StoredOffer(row.get("id", Long.class), row.get("order_id", Long.class),
				row.get("number", String.class), row.get("line_id", Long.class), row.get("original_sku", String.class),
				row.get("substitute_sku", String.class), row.get("quantity", Integer.class),
				row.get("price_difference_cents", Long.class), row.get("currency", String.class),
				row.get("expires_at", Instant.class), OfferStatus.valueOf(row.get("status", String.class)));
	}

	private static OfferActivity activity(Readable row) {
		return new OfferActivity(row.get("id", Long.class), row.get("number", String.class),
				row.get("original_sku", String.class), row.get("original_name", String.class),
				row.get("substitute_sku", String.class), row.get("substitute_name", String.class),
				row.get("quantity", Integer.class), row.get("price_difference_cents", Long.class),
				row.get("currency", String.class), row.get("note", String.class),
				OfferStatus.valueOf(row.get("status", String.class)), row.get("created_at", Instant.class),
				row.get("created_by", String.class), row.get("expires_at", Instant.class),
				row.get("decided_at", Instant.class), row.get("available", Boolean.class));
	}

	private static OfferView view(Readable row) {
		return new OfferView(row.get("id", Long.class), row.get("order_id", Long.class), row.get("line_id", Long.class),
				row.get("substitute_sku", String.class), row.get("substitute_name", String.class),
				row.get("quantity", Integer.class), row.get("price_difference_cents", Long.class),
				row.get("currency", String.class), row.get("note", String.class), row.get("expires_at", Instant.class),
				OfferStatus.valueOf(row.get("status", String.class)), row.get("decided_at", Instant.class),
				row.get("version", Long.class), row.get("available", Boolean.class));
	}

}
