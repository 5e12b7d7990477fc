package com.backorderdesk.orders;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.inventory.InventoryService;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The queues of waiting lines: where a line stands, and moving one to the front. The
 * engine serves a SKU's lines by priority (a line's own, else its order's), then placed
 * time, then line id ({@code allocation.DemandQueue}); a line moved to the front gets a
 * priority of its own just ahead of every other open line of the SKU.
 */
@Service
public class OrderQueue {

	/**
	 * A line's place among the SKU's lines that wait for stock, as the engine orders
	 * them.
	 */
	private static final String POSITIONS = """
			with mine as (
				select id, sku from order_line where order_id = any(:orderIds) and shipped + cancelled + allocated < quantity
			), queue as (
				select l.id, row_number() over (partition by l.sku
						order by coalesce(l.queue_priority, o.priority), o.placed_at, l.id)::int as position,
					count(*) over (partition by l.sku)::int as waiting
				from order_line l join customer_order o on o.id = l.order_id
				where l.sku in (select sku from mine) and l.shipped + l.cancelled + l.allocated < l.quantity
			)
			select q.id, q.position, q.waiting from queue q where q.id in (select id from mine)
			""";

	private final DatabaseClient db;

	private final InventoryService inventory;

	private final Replans replans;

	OrderQueue(DatabaseClient db, InventoryService inventory, Replans replans) {
		this.db = db;
		this.inventory = inventory;
		this.replans = replans;
	}

	/**
	 * Where each waiting line of an order stands in its SKU's queue.
	 * @param orderId the order
	 * @return positions by line id; lines that wait for nothing are absent
	 */
	public Mono<Map<Long, QueuePosition>> positions(long orderId) {
		return positions(List.of(orderId));
	}

	/**
	 * Where each waiting line of some orders stands in its SKU's queue, in one query.
	 * @param orderIds the orders
	 * @return positions by line id; lines that wait for nothing are absent
	 */
	public Mono<Map<Long, QueuePosition>> positions(Collection<Long> orderIds) {
		return this.db.sql(POSITIONS)
			.bind("orderIds", orderIds.toArray(Long[]::new))
			.map((row) -> new QueuePosition(row.get("id", Long.class), row.get("position", Integer.class),
					row.get("waiting", Integer.class)))
			.all()
			.collectMap(QueuePosition::lineId);
	}

	/**
	 * Moves a waiting line to the front of its SKU's queue and re-plans the SKU through
	 * {@link Replans}, in one transaction: the line takes what stock comes free and the
	 * soonest restocks; lines it passes may get later windows, and their customers are
	 * told (timeline events, e-mails and delay notices by the same rules as any change).
	 * Units lines already hold from stock stay theirs.
	 * @param orderId the order
	 * @param lineId its line
	 * @param actor who moved it
	 * @return the line's position before and after; a {@link NotFoundException} when the
	 * order has no such line, an {@link InvalidInputException} for field {@code lineId}
	 * when it waits for nothing
	 */
	@Transactional
	public Mono<QueueMove> moveToFront(long orderId, long lineId, String actor) {
		return this.db.sql("select sku from order_line where id = :id and order_id = :orderId")
			.bind("id", lineId)
			.bind("orderId", orderId)
			.map((row) -> row.get("sku", String.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No line " + lineId + " in this order")))
			.flatMap((sku) -> this.inventory.lockSupply(List.of(sku)).then(positions(orderId)).flatMap((before) -> {
				QueuePosition was = before.get(lineId);
				if (was == null) {
					return Mono.error(new InvalidInputException("lineId",
							"This line waits for nothing: stock holds all it still needs"));
				}
				return this.db.sql("""
						update order_line set queue_priority = (
							select coalesce(min(coalesce(l.queue_priority, o.priority)), 100) - 1
							from order_line l join customer_order o on o.id = l.order_id
							where l.sku = :sku and l.id <> :id and l.shipped + l.cancelled < l.quantity)
						where id = :id
						""")
					.bind("sku", sku)
					.bind("id", lineId)
					.then()
					.then(this.replans.replan(List.of(sku), Replans.Change.of(ReplanReason.QUEUE_CHANGED, actor)))
					.then(positions(orderId))
					.map((after) -> new QueueMove(sku, was.position(),
							(after.get(lineId) != null) ? after.get(lineId).position() : 0));
			}));
	}

	/**
	 * A line moved to the front.
	 *
	 * @param sku its SKU
	 * @param before its position before
	 * @param after its position after; 0 when stock now holds all it needs
	 */
	public record QueueMove(String sku, int before, int after) {
	}

}
