package com.backorderdesk.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import com.backorderdesk.allocation.Allocation;
import com.backorderdesk.allocation.AllocationEngine;
import com.backorderdesk.allocation.Demand;
import com.backorderdesk.allocation.EtaPolicy;
import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.allocation.Inbound;
import com.backorderdesk.allocation.SkuPlan;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.OpenRestock;
import com.backorderdesk.inventory.SupplySnapshot;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Re-runs the allocation engine for some SKUs inside the caller's transaction and stores
 * what changed. The SKUs' stock rows are locked first, so two changes to one SKU are
 * planned one after the other and stock is never promised twice.
 */
@Component
class Replanner {

	private static final int OFF_LOOP_LINES = 20_000;

	/** The id of the one demand that stands for every line ahead of new ones. */
	private static final long AHEAD = Long.MIN_VALUE;

	private final DatabaseClient db;

	private final InventoryService inventory;

	private final AllocationEngine engine;

	private final Clock clock;

	private final ObjectProvider<ReplanListener> listeners;

	private final ObjectProvider<HandlingSpread> handling;

	private final int defaultLatenessDays;

	Replanner(DatabaseClient db, InventoryService inventory, EtaSettings eta, Clock clock,
			ObjectProvider<ReplanListener> listeners, ObjectProvider<HandlingSpread> handling) {
		this.db = db;
		this.inventory = inventory;
		this.engine = new AllocationEngine(
				new EtaPolicy(eta.handlingDays(), eta.shippingDays(), eta.defaultLatenessDays()));
		this.clock = clock;
		this.listeners = listeners;
		this.handling = handling;
		this.defaultLatenessDays = eta.defaultLatenessDays();
	}

	/**
	 * Re-plans every open line of the given SKUs, then tells every
	 * {@link ReplanListener}: the lines that changed, then the SKUs.
	 * @param skus the SKUs whose supply or demand changed
	 * @return the lines whose state changed, in order of line id
	 */
	Mono<List<LineChange>> replan(Collection<String> skus) {
		TreeSet<String> sorted = new TreeSet<>(skus);
		return this.inventory.lockSupply(sorted)
			.flatMap((supply) -> handlingSpread().flatMap(
					(spread) -> openLines(sorted, null).flatMap((lines) -> planned(supply, lines, spread, Map.of()))))
			.flatMap((changes) -> storeAndTell(changes, sorted));
	}

	/**
	 * Plans new lines that join the end of their SKUs' queues (an order placed now)
	 * without planning again every line already waiting: those keep what they have, so
	 * the new lines take what supply is left after them, which the engine finds from the
	 * sums of the lines ahead. Placing the ten-thousandth order of a SKU then costs about
	 * what the first did. When a line waits behind the new ones (an order with a lower
	 * priority, or placed with a later time), every line is planned again, as by
	 * {@link #replan}.
	 * @param skus the new lines' SKUs
	 * @param newLines the new lines
	 * @return the lines whose state changed, in order of line id
	 */
	Mono<List<LineChange>> replanAppended(Collection<String> skus, Collection<Long> newLines) {
		TreeSet<String> sorted = new TreeSet<>(skus);
		return this.inventory.lockSupply(sorted)
			.flatMap((supply) -> handlingSpread().flatMap((spread) -> ahead(sorted, newLines).flatMap((ahead) -> {
				if (ahead.isEmpty()) {
					return openLines(sorted, null).flatMap((lines) -> planned(supply, lines, spread, Map.of()));
				}
				return openLines(sorted, newLines).flatMap((lines) -> planned(supply, lines, spread, ahead.get()));
			})))
			.flatMap((changes) -> storeAndTell(changes, sorted));
	}

	private Mono<List<LineChange>> storeAndTell(List<LineChange> changes, TreeSet<String> skus) {
		List<String> replanned = List.copyOf(skus);
		return store(changes).then(Mono.defer(() -> {
			List<ReplannedLine> lines = changes.stream().map(ReplannedLine::of).toList();
			return Flux.fromStream(this.listeners.orderedStream())
				.concatMap((listener) -> (lines.isEmpty() ? Mono.<Void>empty() : listener.linesReplanned(lines))
					.then(listener.replanned(replanned)))
				.then();
		})).thenReturn(changes);
	}

	/**
	 * What one more line of each SKU would get now, behind every line of its priority (a
	 * new order): the engine plans the SKU's real supply and queue with the line added,
	 * and nothing is stored.
	 * @param supply the SKUs' supply, locked or read
	 * @param quantities units of the new line, by SKU
	 * @param priority the new line's priority, lower first
	 * @return by SKU, the new line's allocation and the units without a date the other
	 * lines would have
	 */
	Mono<Map<String, Hypothetical>> hypothetical(Map<String, SupplySnapshot> supply, Map<String, Integer> quantities,
			int priority) {
		// PostgreSQL keeps an order's placed_at to the microsecond, rounded: an order
		// placed
		// at this very instant may be stored a fraction later than the clock's instant.
		// Rounded up, the new line ties with it at worst, and goes behind it
		Instant instant = this.clock.instant();
		Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
		Instant now = micros.equals(instant) ? instant : micros.plus(1, ChronoUnit.MICROS);
		return handlingSpread().flatMap((spread) -> openLines(quantities.keySet(), null).map((lines) -> {
			Map<String, List<Demand>> bySku = new LinkedHashMap<>();
			quantities.keySet().forEach((sku) -> bySku.put(sku, new ArrayList<>()));
			for (StoredLine line : lines) {
				bySku.get(line.sku())
					.add(new Demand(line.id(), line.priority(), line.placedAt(), line.openQuantity(),
							Math.min(line.allocated(), line.openQuantity())));
			}
			LocalDate today = LocalDate.now(this.clock);
			Map<String, Hypothetical> result = new LinkedHashMap<>();
			bySku.forEach((sku, demand) -> {
				demand.add(new Demand(HYPOTHETICAL_LINE, priority, now, quantities.get(sku), 0));
				List<Allocation> allocations = this.engine.plan(plan(sku, supply.get(sku), demand, spread), today);
				Allocation added = allocations.get(allocations.size() - 1);
				int othersUnscheduled = 0;
				for (int i = 0; i < allocations.size() - 1; i++) {
					othersUnscheduled += allocations.get(i).unscheduled();
				}
				result.put(sku, new Hypothetical(added, othersUnscheduled));
			});
			return result;
		}));
	}

	/** The id of a line that is not stored: larger than any, so last among equals. */
	private static final long HYPOTHETICAL_LINE = Long.MAX_VALUE;

	/**
	 * A line that would be added.
	 *
	 * @param line what it would get
	 * @param othersUnscheduled units without a date the SKU's other lines would have
	 */
	record Hypothetical(Allocation line, int othersUnscheduled) {
	}

	private SkuPlan plan(String sku, @Nullable SupplySnapshot snapshot, List<Demand> demand, int spread) {
		int onHand = (snapshot != null) ? snapshot.onHand() : 0;
		List<Inbound> inbound = (snapshot != null)
				? snapshot.restocks().stream().map((restock) -> inbound(restock, spread)).toList() : List.of();
		return new SkuPlan(sku, onHand, inbound, demand);
	}

	/**
	 * What the open lines ahead of the new ones hold and wait for, by SKU; empty when any
	 * open line of these SKUs is served after the first new line.
	 */
	private Mono<Optional<Map<String, Ahead>>> ahead(Collection<String> skus, Collection<Long> newLines) {
		return this.db
			.sql("""
					with first as (
						select coalesce(l.queue_priority, o.priority) as priority, o.placed_at, l.id
						from order_line l join customer_order o on o.id = l.order_id
						where l.id = any(:newLines) order by 1, o.placed_at, l.id limit 1
					)
					select l.sku, sum(l.quantity - l.shipped - l.cancelled)::int as open_quantity,
						sum(least(l.allocated, l.quantity - l.shipped - l.cancelled))::int as held,
						bool_or((coalesce(l.queue_priority, o.priority), o.placed_at, l.id) > (f.priority, f.placed_at, f.id))
							as behind
					from order_line l join customer_order o on o.id = l.order_id cross join first f
					where l.sku = any(:skus) and l.shipped + l.cancelled < l.quantity and l.id <> all(:newLines)
					group by l.sku
					""")
			.bind("skus", skus.toArray(String[]::new))
			.bind("newLines", newLines.toArray(Long[]::new))
			.map((row) -> new Ahead(row.get("sku", String.class), row.get("open_quantity", Integer.class),
					row.get("held", Integer.class), Boolean.TRUE.equals(row.get("behind", Boolean.class))))
			.all()
			.collectList()
			.map((rows) -> {
				if (rows.stream().anyMatch(Ahead::behind)) {
					return Optional.empty();
				}
				Map<String, Ahead> bySku = new HashMap<>();
				rows.forEach((row) -> bySku.put(row.sku(), row));
				return Optional.of(bySku);
			});
	}

	/** The open lines of some SKUs, or only some lines of them. */
	private Mono<List<StoredLine>> openLines(Collection<String> skus, @Nullable Collection<Long> only) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql("""
				select l.id, l.order_id, l.sku, l.quantity - l.shipped - l.cancelled as open_quantity,
					l.allocated, l.scheduled, l.shipped, l.eta_earliest, l.eta_latest, l.restock_id,
					coalesce(l.queue_priority, o.priority) as priority,
					o.placed_at
				from order_line l join customer_order o on o.id = l.order_id
				where l.sku = any(:skus) and l.shipped + l.cancelled < l.quantity
				""" + ((only != null) ? " and l.id = any(:only)" : "")).bind("skus", skus.toArray(String[]::new));
		if (only != null) {
			spec = spec.bind("only", only.toArray(Long[]::new));
		}
		return spec
			.map((row) -> new StoredLine(row.get("id", Long.class), row.get("order_id", Long.class),
					row.get("sku", String.class), row.get("open_quantity", Integer.class),
					row.get("allocated", Integer.class), row.get("scheduled", Integer.class),
					row.get("shipped", Integer.class),
					window(row.get("eta_earliest", LocalDate.class), row.get("eta_latest", LocalDate.class)),
					row.get("restock_id", Long.class), row.get("priority", Integer.class),
					row.get("placed_at", Instant.class)))
			.all()
			.collectList();
	}

	private Mono<Integer> handlingSpread() {
		HandlingSpread spread = this.handling.getIfAvailable();
		return (spread != null) ? spread.days().defaultIfEmpty(0) : Mono.just(0);
	}

	private Mono<List<LineChange>> planned(Map<String, SupplySnapshot> supply, List<StoredLine> lines, int spread,
			Map<String, Ahead> ahead) {
		Mono<List<LineChange>> planning = Mono.fromCallable(() -> plan(supply, lines, spread, ahead));
		// A supplier's slip can touch tens of thousands of lines: the engine then fans
		// out
		// over the cores and waits for them, which must not happen on an event loop.
		return (lines.size() >= OFF_LOOP_LINES) ? planning.subscribeOn(Schedulers.boundedElastic()) : planning;
	}

	private List<LineChange> plan(Map<String, SupplySnapshot> supply, List<StoredLine> lines, int spread,
			Map<String, Ahead> ahead) {
		Map<String, List<StoredLine>> bySku = new LinkedHashMap<>();
		for (StoredLine line : lines) {
			bySku.computeIfAbsent(line.sku(), (sku) -> new ArrayList<>()).add(line);
		}
		List<SkuPlan> plans = new ArrayList<>();
		Map<Long, StoredLine> byId = new HashMap<>();
		bySku.forEach((sku, skuLines) -> {
			List<Demand> demand = new ArrayList<>(skuLines.size() + 1);
			Ahead before = ahead.get(sku);
			if (before != null && before.openQuantity() > 0) {
				// every line ahead of the new ones as one: first in the queue, holding
				// what they hold and taking the supply they are planned on
				demand.add(new Demand(AHEAD, Integer.MIN_VALUE, Instant.EPOCH, before.openQuantity(),
						Math.min(before.held(), before.openQuantity())));
			}
			for (StoredLine line : skuLines) {
				byId.put(line.id(), line);
				demand.add(new Demand(line.id(), line.priority(), line.placedAt(), line.openQuantity(),
						Math.min(line.allocated(), line.openQuantity())));
			}
			plans.add(plan(sku, supply.get(sku), demand, spread));
		});
		LocalDate today = LocalDate.now(this.clock);
		List<LineChange> changes = new ArrayList<>();
		this.engine.planAll(plans, today).forEach((sku, allocations) -> {
			for (Allocation allocation : allocations) {
				if (allocation.lineId() == AHEAD) {
					continue;
				}
				StoredLine line = Objects.requireNonNull(byId.get(allocation.lineId()));
				LineState before = line.state();
				LineState after = new LineState(
						LineStatus.of(line.openQuantity(), allocation.allocated(), allocation.scheduled(),
								line.shipped()),
						allocation.allocated(), allocation.scheduled(), allocation.unscheduled(), allocation.eta());
				if (!before.equals(after) || !Objects.equals(line.restockId(), allocation.restockId())) {
					changes.add(new LineChange(line.orderId(), line.id(), line.sku(), before, after,
							allocation.restockId()));
				}
			}
		});
		changes.sort((a, b) -> Long.compare(a.lineId(), b.lineId()));
		return changes;
	}

	private Mono<Void> store(List<LineChange> changes) {
		if (changes.isEmpty()) {
			return Mono.empty();
		}
		int size = changes.size();
		Long[] ids = new Long[size];
		Integer[] allocated = new Integer[size];
		Integer[] scheduled = new Integer[size];
		String[] earliest = new String[size];
		String[] latest = new String[size];
		Long[] restocks = new Long[size];
		for (int i = 0; i < size; i++) {
			LineChange change = changes.get(i);
			ids[i] = change.lineId();
			allocated[i] = change.after().allocated();
			scheduled[i] = change.after().scheduled();
			EtaWindow eta = change.after().eta();
			earliest[i] = (eta != null) ? eta.earliest().toString() : null;
			latest[i] = (eta != null) ? eta.latest().toString() : null;
			restocks[i] = change.restockId();
		}
		// One statement for any number of lines: a supplier's slip can touch thousands.
		return this.db
			.sql("""
					update order_line l set
						allocated = u.allocated,
						scheduled = u.scheduled,
						eta_earliest = u.earliest::date,
						eta_latest = u.latest::date,
						promised_earliest = coalesce(l.promised_earliest, u.earliest::date),
						promised_latest = coalesce(l.promised_latest, u.latest::date),
						previous_eta_earliest = case when l.eta_earliest is distinct from u.earliest::date
							or l.eta_latest is distinct from u.latest::date then l.eta_earliest else l.previous_eta_earliest end,
						previous_eta_latest = case when l.eta_earliest is distinct from u.earliest::date
							or l.eta_latest is distinct from u.latest::date then l.eta_latest else l.previous_eta_latest end,
						eta_changed_at = case when l.eta_earliest is distinct from u.earliest::date
							or l.eta_latest is distinct from u.latest::date then now() else l.eta_changed_at end,
						restock_id = u.restock,
						version = l.version + 1
					from unnest(:ids, :allocated, :scheduled, :earliest, :latest, :restocks)
						as u(id, allocated, scheduled, earliest, latest, restock)
					where l.id = u.id
					""")
			.bind("ids", ids)
			.bind("allocated", allocated)
			.bind("scheduled", scheduled)
			.bind("earliest", earliest)
			.bind("latest", latest)
			.bind("restocks", restocks)
			.then();
	}

	/**
	 * The restock as the engine plans it: the warehouse's handling spread widens every
	 * window as the supplier's lateness does.
	 */
	private Inbound inbound(OpenRestock restock, int spread) {
		Integer lateness = restock.supplierLatenessDays();
		Integer widened = (spread == 0) ? lateness
				: Integer.valueOf(((lateness != null) ? lateness : this.defaultLatenessDays) + spread);
		return new Inbound(restock.id(), restock.expectedOn(), restock.openQuantity(), widened, restock.promisedOn());
	}

	static @Nullable EtaWindow window(@Nullable LocalDate earliest, @Nullable LocalDate latest) {
		return (earliest != null && latest != null) ? new EtaWindow(earliest, latest) : null;
	}

	/** The open lines of a SKU ahead of new ones, summed. */
	private record Ahead(String sku, int openQuantity, int held, boolean behind) {
	}

	private record StoredLine(long id, long orderId, String sku, int openQuantity, int allocated, int scheduled,
			int shipped, @Nullable EtaWindow eta, @Nullable Long restockId, int priority, Instant placedAt) {

		LineState state() {
			int unscheduled = this.openQuantity - this.allocated - this.scheduled;
			return new LineState(LineStatus.of(this.openQuantity, this.allocated, this.scheduled, this.shipped),
					this.allocated, this.scheduled, unscheduled, this.eta);
		}

	}

}
