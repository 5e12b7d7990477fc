package com.backorderdesk.promise;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.allocation.LatenessCalibration;
import com.backorderdesk.orders.EtaSettings;
import com.backorderdesk.orders.HandlingSpread;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.ReplanListener;
import com.backorderdesk.orders.ReplannedLine;
import com.backorderdesk.orders.ShipmentListener;
import com.backorderdesk.orders.ShippedLine;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the promise ledger from what orders tell, in the transaction of each change: a
 * line's first window for all its waiting units, every later move of its latest date (or
 * loss of its date) while it waits, the day all its units became ready and the day they
 * shipped. Each is one set-based statement over the lines of the change. From the days
 * between ready and shipped it also measures the warehouse's handling spread, which
 * widens every window ({@link HandlingSpread}).
 */
@Component
class PromiseLedger implements ReplanListener, ShipmentListener, HandlingSpread {

	private final DatabaseClient db;

	private final Clock clock;

	private final EtaSettings eta;

	private final LatenessCalibration calibration;

	PromiseLedger(DatabaseClient db, Clock clock, EtaSettings eta) {
		this.db = db;
		this.clock = clock;
		this.eta = eta;
		this.calibration = eta.calibration();
	}

	@Override
	public Mono<Integer> days() {
		return this.db.sql("select days from handling_spread").map((row) -> row.get(0, Integer.class)).one();
	}

	@Override
	public Mono<Void> replanned(List<String> skus) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> linesReplanned(List<ReplannedLine> lines) {
		LocalDate today = LocalDate.now(this.clock);
		List<ReplannedLine> promised = select(lines,
				(line) -> line.etaAfter() != null && line.unscheduledAfter() == 0 && !ready(line.statusAfter()));
		List<ReplannedLine> waiting = select(lines, (line) -> !ready(line.statusAfter()) && !done(line.statusAfter()));
		List<ReplannedLine> readyNow = select(lines, (line) -> ready(line.statusAfter()));
		List<ReplannedLine> notReady = select(lines,
				(line) -> ready(line.statusBefore()) && !ready(line.statusAfter()) && !done(line.statusAfter()));
		// a line no longer ready waits again, so its window changes count from here
		return first(promised).then(mark("ready_on = null", "shipped_on is null", notReady, null))
			.then(changed(waiting))
			.then(mark("ready_on = :today", "ready_on is null", readyNow, today));
	}

	@Override
	public Mono<Void> linesShipped(List<ShippedLine> lines) {
		Long[] done = lines.stream()
			.filter((line) -> line.openAfter() == 0)
			.map(ShippedLine::lineId)
			.toArray(Long[]::new);
		if (done.length == 0) {
			return Mono.empty();
		}
		LocalDate today = LocalDate.now(this.clock);
		return this.db.sql("update promise set shipped_on = :today where line_id = any(:ids) and shipped_on is null")
			.bind("today", today)
			.bind("ids", done)
			.then()
			.then(recalibrateHandling(today));
	}

	/**
	 * Measures the days from ready to shipped of lines whose customers asked to get each
	 * item when ready (an order waiting to ship complete says nothing about the
	 * warehouse), over three half-lives, and stores the spread they call for.
	 */
	private Mono<Void> recalibrateHandling(LocalDate today) {
		long horizon = 3 * Math.max(1, this.eta.historyHalfLife().toDays());
		return this.db.sql("""
				select p.shipped_on - p.ready_on as days, p.shipped_on from promise p
				join customer_order o on o.id = p.order_id
				where p.shipped_on >= :since and p.ready_on is not null and o.ship_preference = 'SHIP_WHEN_READY'
				""")
			.bind("since", today.minusDays(horizon))
			.map((row) -> new LatenessCalibration.Receipt(row.get("days", Integer.class),
					row.get("shipped_on", LocalDate.class)))
			.all()
			.collectList()
			.flatMap((shipped) -> this.db.sql("""
					insert into handling_spread (days) values (:days)
					on conflict (only_row) do update set days = excluded.days, calibrated_at = now()
					""").bind("days", this.calibration.handlingSpread(shipped, this.eta.handlingDays(), today)).then());
	}

	private Mono<Void> first(List<ReplannedLine> lines) {
		if (lines.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				insert into promise (line_id, order_id, sku, restock_id, first_earliest, first_latest, current_earliest,
					current_latest)
				select u.line_id, u.order_id, u.sku, u.restock_id, u.earliest::date, u.latest::date, u.earliest::date,
					u.latest::date
				from unnest(:lines, :orders, :skus, :restocks, :earliest, :latest)
					as u(line_id, order_id, sku, restock_id, earliest, latest)
				on conflict (line_id) do nothing
				""")
			.bind("lines", lines.stream().map(ReplannedLine::lineId).toArray(Long[]::new))
			.bind("orders", lines.stream().map(ReplannedLine::orderId).toArray(Long[]::new))
			.bind("skus", lines.stream().map(ReplannedLine::sku).toArray(String[]::new))
			.bind("restocks", lines.stream().map(ReplannedLine::restockId).toArray(Long[]::new))
			.bind("earliest", dates(lines, true))
			.bind("latest", dates(lines, false))
			.then();
	}

	/**
	 * A change the customer sees: the latest date moved, or the date went away while the
	 * line still waits. Earliest dates that move as an overdue restock's days pass are
	 * not a new promise.
	 */
	private Mono<Void> changed(List<ReplannedLine> lines) {
		if (lines.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("""
				with moved as (
					update promise p set current_earliest = u.earliest::date, current_latest = u.latest::date,
						changes = p.changes + 1
					from unnest(:lines, :earliest, :latest) as u(line_id, earliest, latest)
					where p.line_id = u.line_id and p.ready_on is null and p.shipped_on is null
						and p.current_latest is distinct from u.latest::date
					returning p.line_id, u.earliest, u.latest
				)
				insert into promise_change (line_id, earliest, latest)
				select line_id, earliest::date, latest::date from moved order by line_id
				""")
			.bind("lines", lines.stream().map(ReplannedLine::lineId).toArray(Long[]::new))
			.bind("earliest", promisedDates(lines, true))
			.bind("latest", promisedDates(lines, false))
			.then();
	}

	private Mono<Void> mark(String set, String unless, List<ReplannedLine> lines, @Nullable LocalDate today) {
		if (lines.isEmpty()) {
			return Mono.empty();
		}
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("update promise set " + set + " where line_id = any(:ids) and " + unless)
			.bind("ids", lines.stream().map(ReplannedLine::lineId).toArray(Long[]::new));
		return ((today != null) ? update.bind("today", today) : update).then();
	}

	private static List<ReplannedLine> select(List<ReplannedLine> lines, Predicate<ReplannedLine> which) {
		return lines.stream().filter(which).toList();
	}

	private static boolean ready(LineStatus status) {
		return status == LineStatus.ALLOCATED;
	}

	private static boolean done(LineStatus status) {
		return status == LineStatus.SHIPPED || status == LineStatus.CANCELLED;
	}

	private static String[] dates(List<ReplannedLine> lines, boolean earliest) {
		return lines.stream().map((line) -> date(line.etaAfter(), earliest)).toArray(String[]::new);
	}

	/**
	 * Units without a date leave the promise without a date, whatever the rest's window.
	 */
	private static String[] promisedDates(List<ReplannedLine> lines, boolean earliest) {
		return lines.stream()
			.map((line) -> (line.unscheduledAfter() > 0) ? null : date(line.etaAfter(), earliest))
			.toArray(String[]::new);
	}

	private static @Nullable String date(@Nullable EtaWindow window, boolean earliest) {
		if (window == null) {
			return null;
		}
		return (earliest ? window.earliest() : window.latest()).toString();
	}

}
