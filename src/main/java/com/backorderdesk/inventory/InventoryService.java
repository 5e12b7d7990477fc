package com.backorderdesk.inventory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.allocation.LatenessCalibration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stock and restocks. Writers join the caller's transaction so that a supply change and
 * the re-planning it causes commit together.
 */
@Service
public class InventoryService {

	/** The longest note for customers a restock change may carry. */
	public static final int NOTE_LIMIT = 500;

	/**
	 * Serializes recalibrations of suppliers' lateness: taken before a receipt locks
	 * anything, so two receipts never wait on each other's stock rows.
	 */
	private static final long CALIBRATION_LOCK = 0x6c6174656e657373L;

	static final String RESTOCK_SELECT = """
			select r.id, r.sku, s.name as supplier, r.quantity, r.quantity_received, r.promised_on,
				r.expected_on, r.received_on, r.status, r.version
			from restock r join supplier s on s.id = r.supplier_id
			""";

	/**
	 * The start of a statement that writes rows for many suppliers by name: the
	 * {@code suppliers} (id, name) of the names in {@code :suppliers}, the new ones
	 * created. The conflict updates rather than does nothing so that it returns the id of
	 * a supplier another transaction inserted a moment ago, which the statement's
	 * snapshot cannot see.
	 */
	private static final String SUPPLIERS_BY_NAME = """
			with suppliers as (
				insert into supplier (name) select distinct name from unnest(:suppliers) as n(name)
				on conflict (name) do update set name = excluded.name
				returning id, name
			)
			""";

	/**
	 * Suppliers' delivery records, one row per supplier with a restock received in full:
	 * formatted with more columns, more conditions and the order.
	 */
	private static final String RELIABILITY = """
			select s.name, count(*)::int as received,
				(count(*) filter (where r.received_on <= r.promised_on))::int as on_time,
				avg(greatest(r.received_on - r.promised_on, 0))::float8 as average_days_late%s
			from restock r join supplier s on s.id = r.supplier_id
			where r.status = 'RECEIVED' and r.received_on is not null %s
			group by s.name
			order by %s
			""";

	private final DatabaseClient db;

	private final Clock clock;

	InventoryService(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	/**
	 * Starts keeping stock for a new SKU: a stock row with nothing on hand, unless it has
	 * one. Joins the caller's transaction, which stores the product.
	 * @param sku the SKU of a stored product
	 * @return completion
	 */
	public Mono<Void> track(String sku) {
		return this.db.sql("insert into stock (sku, on_hand) values (:sku, 0) on conflict (sku) do nothing")
			.bind("sku", sku)
			.then();
	}

	/**
	 * The SKUs of a list that the inventory keeps stock for, which are those of every
	 * stored product.
	 */
	Mono<Set<String>> trackedSkus(Collection<String> skus) {
		return this.db.sql("select sku from stock where sku = any(:skus)")
			.bind("skus", skus.toArray(String[]::new))
			.map((row) -> row.get("sku", String.class))
			.all()
			.collect(Collectors.toSet());
	}

	/**
	 * Sets the units on hand for a SKU.
	 * @param sku the SKU
	 * @param onHand units in the warehouse not yet shipped, 0 to
	 * {@link InputRules#MAX_ON_HAND}
	 * @return the previous figure; an {@link InvalidValueException} for a figure out of
	 * bounds
	 */
	@Transactional
	public Mono<Integer> setOnHand(String sku, int onHand) {
		return Mono.fromRunnable(() -> InputRules.units("onHand", onHand, 0, InputRules.MAX_ON_HAND))
			.then(this.db.sql("""
					update stock s set on_hand = :onHand, version = s.version + 1, updated_at = now()
					from (select on_hand from stock where sku = :sku for update) old
					where s.sku = :sku returning old.on_hand
					""").bind("sku", sku).bind("onHand", onHand).map((row) -> row.get(0, Integer.class)).one())
			.switchIfEmpty(Mono.error(() -> new NotFoundException("sku", "No product with SKU '" + sku + "'")));
	}

	/**
	 * Creates a restock, and its supplier when the name is new.
	 * @param given the restock: a supplier name of 1 to 200 characters, 1 to
	 * {@link InputRules#MAX_RESTOCK_QUANTITY} units, expected from today to five years
	 * ahead (shop's zone)
	 * @return the restock; an {@link InvalidValueException} naming a field out of bounds,
	 * a {@link NotFoundException} for an unknown SKU
	 */
	@Transactional
	public Mono<Restock> create(NewRestock given) {
		return Mono.fromCallable(() -> checked(given, "", LocalDate.now(this.clock))).flatMap(this::insert);
	}

	private Mono<Restock> insert(NewRestock restock) {
		// the product is checked first so that a rejected restock leaves no new supplier
		// behind
		return this.db.sql("select 1 from product where sku = :sku")
			.bind("sku", restock.sku())
			.map((row) -> 1)
			.one()
			.switchIfEmpty(
					Mono.error(() -> new NotFoundException("sku", "No product with SKU '" + restock.sku() + "'")))
			.then(this.db.sql("""
					with suppliers as (
						insert into supplier (name) values (:supplier)
						-- an update rather than nothing: it returns the id of a row another
						-- transaction inserted a moment ago, which this statement cannot see
						on conflict (name) do update set name = excluded.name returning id
					)
					insert into restock (sku, supplier_id, quantity, promised_on, expected_on)
					values (:sku, (select id from suppliers), :quantity, :expectedOn, :expectedOn)
					returning id
					""")
				.bind("supplier", restock.supplier())
				.bind("sku", restock.sku())
				.bind("quantity", restock.quantity())
				.bind("expectedOn", restock.expectedOn())
				.map((row) -> row.get(0, Long.class))
				.one())
			.flatMap(this::find);
	}

	public Mono<Restock> find(long id) {
		return this.db.sql(RESTOCK_SELECT + " where r.id = :id")
			.bind("id", id)
			.map(InventoryService::restock)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No restock with id " + id)));
	}

	/**
	 * Reads many restocks at once.
	 * @param ids their ids
	 * @return the restocks found, by id
	 */
	Mono<Map<Long, Restock>> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql(RESTOCK_SELECT + " where r.id = any(:ids)")
			.bind("ids", ids.toArray(Long[]::new))
			.map(InventoryService::restock)
			.all()
			.collectMap(Restock::id);
	}

	/**
	 * Checks a restock to create, naming fields with a prefix ({@code restocks[3].}).
	 * @return the restock with its supplier's name stripped
	 */
	private static NewRestock checked(NewRestock restock, String prefix, LocalDate today) {
		InputRules.identifier(prefix + "sku", restock.sku());
		String supplier = InputRules.text(prefix + "supplier", restock.supplier(), 1, 200);
		InputRules.units(prefix + "quantity", restock.quantity(), 1, InputRules.MAX_RESTOCK_QUANTITY);
		InputRules.expectedDate(prefix + "expectedOn", restock.expectedOn(), today);
		return new NewRestock(restock.sku(), supplier, restock.quantity(), restock.expectedOn());
	}

	/**
	 * Changes a restock under a row lock, checking the version the change was based on.
	 * @param id the restock's id
	 * @param change what to change: a quantity of 1 to
	 * {@link InputRules#MAX_RESTOCK_QUANTITY}, not below what was received; a new
	 * expected date from today to five years ahead (an unchanged one may lie in the past:
	 * the restock is overdue)
	 * @return the restock before and after; an {@link InvalidValueException} naming a
	 * field out of bounds
	 */
	@Transactional
	public Mono<RestockUpdate> update(long id, RestockChange change) {
		return lockOpen(id, change.version()).flatMap((before) -> apply(before, change));
	}

	/**
	 * Locks a restock that is still to come, checking the version a change was based on.
	 */
	private Mono<Restock> lockOpen(long id, @Nullable Long version) {
		return this.db.sql(RESTOCK_SELECT + " where r.id = :id for update of r")
			.bind("id", id)
			.map(InventoryService::restock)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No restock with id " + id)))
			.flatMap((before) -> {
				if (version != null && version != before.version()) {
					return Mono.error(
							new ConflictException("Restock " + before.id() + " was changed by someone else", before));
				}
				if (!before.status().isOpen()) {
					return Mono.error(new InvalidInputException("status",
							"Restock " + before.id() + " is " + before.status() + " and can no longer be changed"));
				}
				return Mono.just(before);
			});
	}

	private Mono<RestockUpdate> apply(Restock before, RestockChange change) {
		if (change.status() == RestockStatus.RECEIVED) {
			return Mono.error(new InvalidInputException("status", "Record a receipt to mark a restock as received"));
		}
		int quantity = Objects.requireNonNullElse(change.quantity(), before.quantity());
		InputRules.units("quantity", quantity, 1, InputRules.MAX_RESTOCK_QUANTITY);
		if (quantity < before.quantityReceived()) {
			return Mono.error(new InvalidInputException("quantity",
					"Quantity cannot be below the " + before.quantityReceived() + " units already received"));
		}
		LocalDate expectedOn = Objects.requireNonNullElse(change.expectedOn(), before.expectedOn());
		if (!expectedOn.equals(before.expectedOn())) {
			InputRules.expectedDate("expectedOn", expectedOn, LocalDate.now(this.clock));
		}
		RestockStatus status = Objects.requireNonNullElse(change.status(), before.status());
		return this.db.sql("""
				update restock set expected_on = :expectedOn, quantity = :quantity, status = :status,
					version = version + 1, updated_at = now()
				where id = :id
				""")
			.bind("id", before.id())
			.bind("expectedOn", expectedOn)
			.bind("quantity", quantity)
			.bind("status", status.name())
			.then()
			.then(find(before.id()))
			.map((after) -> new RestockUpdate(before, after));
	}

	/**
	 * Records units of a restock that arrived: the stock grows by them, and a restock
	 * received in full is closed with its receipt date, which measures its supplier's
	 * lateness. A partial receipt keeps the rest open.
	 * @param id the restock's id
	 * @param receipt what arrived, and when: at least one unit, at most what is still to
	 * come, on a day from ten years ago to today
	 * @return the restock before and after; an {@link InvalidInputException} naming the
	 * field that breaks a rule, also when the stock would grow beyond
	 * {@link InputRules#MAX_ON_HAND}
	 */
	@Transactional
	public Mono<RestockUpdate> receive(long id, NewReceipt receipt) {
		return calibrationLock().then(lockOpen(id, receipt.version())).flatMap((before) -> {
			if (receipt.quantity() < 1) {
				return Mono.error(new InvalidValueException("quantity", "Receive at least one unit"));
			}
			int open = before.quantity() - before.quantityReceived();
			if (receipt.quantity() > open) {
				return Mono.error(new InvalidInputException("quantity",
						"Only " + open + " units of restock " + id + " are still to come"));
			}
			InputRules.pastDate("receivedOn", receipt.receivedOn(), LocalDate.now(this.clock));
			return roomInStock(before.sku(), receipt.quantity())
				.then(this.db
					.sql("""
							with receipt as (
								insert into restock_receipt (restock_id, quantity, received_on) values (:id, :quantity, :receivedOn)
							), stocked as (
								update stock set on_hand = on_hand + :quantity, version = version + 1, updated_at = now()
								where sku = :sku
							)
							update restock set quantity_received = quantity_received + :quantity,
								status = case when quantity_received + :quantity = quantity then 'RECEIVED' else status end,
								received_on = case when quantity_received + :quantity = quantity then :receivedOn else received_on end,
								version = version + 1, updated_at = now()
							where id = :id
							""")
					.bind("id", id)
					.bind("sku", before.sku())
					.bind("quantity", receipt.quantity())
					.bind("receivedOn", receipt.receivedOn())
					.then())
				.then(find(id))
				.map((after) -> new RestockUpdate(before, after));
		});
	}

	/**
	 * Corrects how many units arrived with a receipt, on the day it was recorded: the
	 * stock grows or shrinks by the difference, and so does what the restock received. A
	 * restock that reaches its quantity is received in full (on its latest receipt's
	 * day); one received in full that falls short again is open again, in transit, as its
	 * missing units were counted as arrived. The correction is a receipt row of its own
	 * that names the one it corrects, so receipts stay append-only.
	 * @param restockId the restock
	 * @param receiptId the receipt, one recorded today in the shop's zone
	 * @param quantity the units that really arrived with it, 0 when none did
	 * @param version the restock version the correction was based on, or {@code null} to
	 * skip the check
	 * @return the restock before and after (the same when nothing changes); a
	 * {@link NotFoundException} for field {@code receiptId} when the restock has no such
	 * receipt, an {@link InvalidInputException} naming the field that breaks a rule
	 * (field {@code quantity} for a receipt of another day, more units than were ordered,
	 * or fewer than the stock still holds), a {@link ConflictException} when the restock
	 * changed since {@code version}
	 */
	@Transactional
	public Mono<RestockUpdate> correctReceipt(long restockId, long receiptId, int quantity, @Nullable Long version) {
		if (quantity < 0 || quantity > InputRules.MAX_RESTOCK_QUANTITY) {
			return Mono.error(new InvalidValueException("quantity",
					"Enter the units that arrived, from 0 to " + InputRules.MAX_RESTOCK_QUANTITY));
		}
		return calibrationLock().then(lock(restockId, version)).flatMap((before) -> {
			if (before.status() == RestockStatus.CANCELLED) {
				return Mono.error(new InvalidInputException("quantity",
						"Restock " + restockId + " is cancelled; its receipts can no longer be corrected"));
			}
			return receipt(restockId, receiptId).flatMap((receipt) -> {
				LocalDate today = LocalDate.now(this.clock);
				if (!receipt.recordedAt().atZone(this.clock.getZone()).toLocalDate().equals(today)) {
					return Mono.error(new InvalidInputException("quantity",
							"Only receipts recorded today can be corrected; this one was recorded on "
									+ receipt.recordedAt().atZone(this.clock.getZone()).toLocalDate()));
				}
				int difference = quantity - receipt.quantity();
				if (difference == 0) {
					return Mono.just(new RestockUpdate(before, before));
				}
				long received = (long) before.quantityReceived() + difference;
				if (received > before.quantity()) {
					return Mono.error(new InvalidInputException("quantity",
							"Restock " + restockId + " brings " + before.quantity() + " units; with this receipt at "
									+ quantity + " it would have " + received));
				}
				return stockAfter(before.sku(), difference)
					.then(this.db
						.sql("""
								with correction as (
									insert into restock_receipt (restock_id, quantity, received_on, corrects_id)
									values (:id, :difference, :receivedOn, :receiptId)
								), stocked as (
									update stock set on_hand = on_hand + :difference, version = version + 1, updated_at = now()
									where sku = :sku
								)
								update restock set quantity_received = quantity_received + :difference,
									status = case when quantity_received + :difference = quantity then 'RECEIVED'
										when status = 'RECEIVED' then 'IN_TRANSIT' else status end,
									received_on = case when quantity_received + :difference = quantity then
										(select max(r.received_on) from restock_receipt r
											where r.restock_id = :id and r.corrects_id is null
												and r.quantity + coalesce((select sum(c.quantity) from restock_receipt c
													where c.corrects_id = r.id), 0) + case when r.id = :receiptId then :difference else 0 end > 0)
										end,
									version = version + 1, updated_at = now()
								where id = :id
								""")
						.bind("id", restockId)
						.bind("receiptId", receiptId)
						.bind("difference", difference)
						.bind("receivedOn", receipt.receivedOn())
						.bind("sku", before.sku())
						.then())
					.then(find(restockId))
					.map((after) -> new RestockUpdate(before, after));
			});
		});
	}

	/** Locks a restock in any status, checking the version a change was based on. */
	private Mono<Restock> lock(long id, @Nullable Long version) {
		return this.db.sql(RESTOCK_SELECT + " where r.id = :id for update of r")
			.bind("id", id)
			.map(InventoryService::restock)
			.one()
			.switchIfEmpty(Mono.error(() -> new NotFoundException("", "No restock with id " + id)))
			.flatMap((restock) -> (version != null && version != restock.version())
					? Mono.error(
							new ConflictException("Restock " + restock.id() + " was changed by someone else", restock))
					: Mono.just(restock));
	}

	/** A receipt of a restock with its corrections, or {@link NotFoundException}. */
	private Mono<RestockReceipt> receipt(long restockId, long receiptId) {
		return this.db.sql(RestockReceipt.SELECT + " and r.id = :receiptId")
			.bind("id", restockId)
			.bind("receiptId", receiptId)
			.map(RestockReceipt::of)
			.one()
			.switchIfEmpty(Mono.error(
					() -> new NotFoundException("receiptId", "Restock " + restockId + " has no receipt " + receiptId)));
	}

	/**
	 * Locks a SKU's stock, refusing a change that would take it below zero or beyond its
	 * bound.
	 */
	private Mono<Void> stockAfter(String sku, int difference) {
		return this.db.sql("select on_hand from stock where sku = :sku for update")
			.bind("sku", sku)
			.map((row) -> row.get("on_hand", Integer.class))
			.one()
			.flatMap((onHand) -> {
				long after = (long) onHand + difference;
				if (after < 0) {
					return Mono.error(new InvalidInputException("quantity", "The stock of " + sku + " holds " + onHand
							+ " units, fewer than the " + (-difference) + " this correction takes off"));
				}
				return (after > InputRules.MAX_ON_HAND)
						? Mono.error(new InvalidInputException("quantity",
								"The stock of " + sku + " would exceed " + InputRules.MAX_ON_HAND + " units"))
						: Mono.empty();
			});
	}

	/** Locks a SKU's stock, refusing units that would take it beyond its bound. */
	private Mono<Void> roomInStock(String sku, int units) {
		return this.db.sql("select on_hand from stock where sku = :sku for update")
			.bind("sku", sku)
			.map((row) -> row.get("on_hand", Integer.class))
			.one()
			.flatMap((onHand) -> ((long) onHand + units > InputRules.MAX_ON_HAND)
					? Mono.error(new InvalidInputException("quantity",
							"The stock of " + sku + " would exceed " + InputRules.MAX_ON_HAND + " units"))
					: Mono.empty());
	}

	/**
	 * Keeps the planner's explanation of a change to restocks, for the customers whose
	 * orders it moves: shown with the change, in the delay notices it causes, and in the
	 * "still waiting" e-mails.
	 * @param ids the restocks
	 * @param note why, in words customers read, at most {@value #NOTE_LIMIT} characters;
	 * {@code null} or blank keeps each restock's last note
	 * @return completion; {@link InvalidInputException} for field {@code note} when it is
	 * too long or has control characters
	 */
	public Mono<Void> noteRestocks(Collection<Long> ids, @Nullable String note) {
		String kept = customerNote(note);
		if (kept == null || ids.isEmpty()) {
			return Mono.empty();
		}
		return this.db.sql("update restock set customer_note = :note where id = any(:ids)")
			.bind("note", kept)
			.bind("ids", ids.toArray(Long[]::new))
			.then();
	}

	/**
	 * A planner's note as it is kept: stripped, {@code null} when blank.
	 * @param note the note as entered
	 * @return the note, or {@code null}
	 * @throws InvalidInputException for field {@code note} when it is longer than
	 * {@value #NOTE_LIMIT} characters, or holds a control character other than a line
	 * break or tab, half a character or a control that turns the text's direction
	 * ({@link InputRules#paragraphs})
	 */
	public static @Nullable String customerNote(@Nullable String note) {
		if (note == null || note.isBlank()) {
			return null;
		}
		// the shop's one rule for text over several lines: no control characters but line
		// breaks and tabs, no half characters, nothing that turns the text's direction
		return InputRules.paragraphs("note", note, 0, NOTE_LIMIT);
	}

	/**
	 * Moves the expected dates of many open restocks in one statement; a date never moves
	 * before today. The restocks are locked in id order, so concurrent shifts never
	 * deadlock.
	 * @param shift which restocks, and by how many days: 1 to
	 * {@link RestockShift#MAX_DAYS} either way, for 1 to
	 * {@link RestockShift#MAX_RESTOCKS} restocks or one supplier's
	 * @return the restocks whose date moved, in id order; an
	 * {@link InvalidValueException} when a date would move more than five years ahead,
	 * and then none moved (the caller's transaction rolls back); a
	 * {@link ConflictException} (with the restocks it would move now) when
	 * {@link RestockShift#previewed()} is given and the restocks the shift would move, or
	 * their versions, differ from it, and then none moved either
	 */
	@Transactional
	public Mono<List<ShiftedRestock>> shift(RestockShift shift) {
		return Mono.defer(() -> shiftChecked(shift));
	}

	private Mono<List<ShiftedRestock>> shiftChecked(RestockShift shift) {
		if (shift.days() == 0 || Math.abs(shift.days()) > RestockShift.MAX_DAYS) {
			return Mono.error(new InvalidValueException("days",
					"Move the dates by 1 to " + RestockShift.MAX_DAYS + " days, earlier or later"));
		}
		if (shift.supplier() == null && shift.restockIds().isEmpty()) {
			return Mono.error(new InvalidValueException("restockIds", "Select at least one restock"));
		}
		if (shift.restockIds().size() > RestockShift.MAX_RESTOCKS) {
			return Mono.error(new InvalidValueException("restockIds",
					"Select at most " + RestockShift.MAX_RESTOCKS + " restocks at once"));
		}
		String supplier = (shift.supplier() != null) ? InputRules.text("supplier", shift.supplier(), 1, 200) : null;
		LocalDate today = LocalDate.now(this.clock);
		LocalDate latest = today.plusYears(InputRules.MAX_YEARS_AHEAD);
		return this.db.sql("""
				with target as (
					select r.id, r.expected_on, r.version from restock r join supplier s on s.id = r.supplier_id
					where (r.id = any(:ids) or s.name = cast(:supplier as text))
						and r.status not in ('RECEIVED', 'CANCELLED')
					order by r.id
					for update of r
				)
				update restock r set expected_on = greatest(t.expected_on + :days, :today), version = r.version + 1,
					updated_at = now()
				from target t
				where r.id = t.id and greatest(t.expected_on + :days, :today) <> t.expected_on
				returning r.id, r.sku, t.expected_on as before, r.expected_on as after, t.version
				""")
			.bind("ids", (shift.supplier() != null) ? new Long[0] : shift.restockIds().toArray(Long[]::new))
			.bind("supplier", Parameter.fromOrEmpty(supplier, String.class))
			.bind("days", shift.days())
			.bind("today", today)
			.map((row) -> new ShiftedRestock(row.get("id", Long.class), row.get("sku", String.class),
					row.get("before", LocalDate.class), row.get("after", LocalDate.class),
					row.get("version", Long.class)))
			.all()
			.sort(Comparator.comparingLong(ShiftedRestock::id))
			.collectList()
			.flatMap((shifted) -> {
				if (shifted.stream().anyMatch((restock) -> restock.after().isAfter(latest))) {
					return Mono.error(new InvalidValueException("days", "That would move a restock beyond " + latest
							+ ": expected dates can be at most " + InputRules.MAX_YEARS_AHEAD + " years ahead"));
				}
				if (shift.previewed() != null && !shift.previewed().equals(versions(shifted))) {
					return Mono.error(new ConflictException(
							"These restocks changed since the preview (moved or edited): preview the move again",
							shifted));
				}
				return Mono.just(shifted);
			});
	}

	private static Map<Long, Long> versions(List<ShiftedRestock> shifted) {
		return shifted.stream().collect(Collectors.toMap(ShiftedRestock::id, ShiftedRestock::version));
	}

	/**
	 * Creates many restocks in one statement, with any suppliers that are new.
	 * @param given the restocks, whose SKUs must exist, each within the bounds of
	 * {@link #create}
	 * @return the created restocks, in the order given; an {@link InvalidValueException}
	 * naming the first field out of bounds ({@code restocks[3].quantity})
	 */
	@Transactional
	public Mono<List<Restock>> createAll(List<NewRestock> given) {
		if (given.isEmpty()) {
			return Mono.just(List.of());
		}
		return Mono.fromCallable(() -> {
			LocalDate today = LocalDate.now(this.clock);
			List<NewRestock> restocks = new ArrayList<>();
			for (int i = 0; i < given.size(); i++) {
				restocks.add(checked(given.get(i), "restocks[" + i + "].", today));
			}
			return restocks;
		}).flatMap(this::insertAll);
	}

	private Mono<List<Restock>> insertAll(List<NewRestock> restocks) {
		return this.db.sql(SUPPLIERS_BY_NAME + """
				insert into restock (sku, supplier_id, quantity, promised_on, expected_on)
				select u.sku, s.id, u.quantity, u.expected_on::date, u.expected_on::date
				from unnest(:skus, :suppliers, :quantities, :dates) with ordinality
					as u(sku, supplier, quantity, expected_on, position)
				join suppliers s on s.name = u.supplier
				order by u.position
				returning id
				""")
			.bind("skus", restocks.stream().map(NewRestock::sku).toArray(String[]::new))
			.bind("suppliers", restocks.stream().map(NewRestock::supplier).toArray(String[]::new))
			.bind("quantities", restocks.stream().map(NewRestock::quantity).toArray(Integer[]::new))
			.bind("dates", restocks.stream().map((restock) -> restock.expectedOn().toString()).toArray(String[]::new))
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList()
			.flatMap((ids) -> this.db.sql(RESTOCK_SELECT + " where r.id = any(:ids) order by r.id")
				.bind("ids", ids.toArray(Long[]::new))
				.map(InventoryService::restock)
				.all()
				.collectList());
	}

	/**
	 * Records restocks delivered before Backorder Desk kept the books, so their suppliers
	 * start with a lateness record. Changes no stock: those units left long ago.
	 * @param deliveries the deliveries: SKUs that exist, suppliers of 1 to 200
	 * characters, 1 to {@link InputRules#MAX_RESTOCK_QUANTITY} units, dates from ten
	 * years ago to today
	 * @return completion; an {@link InvalidValueException} naming the first field out of
	 * bounds ({@code deliveries[2].receivedOn}), and then nothing was recorded
	 */
	@Transactional
	public Mono<Void> recordPastDeliveries(List<PastDelivery> deliveries) {
		if (deliveries.isEmpty()) {
			return Mono.empty();
		}
		return Mono.fromRunnable(() -> {
			LocalDate today = LocalDate.now(this.clock);
			for (int i = 0; i < deliveries.size(); i++) {
				PastDelivery delivery = deliveries.get(i);
				String prefix = "deliveries[" + i + "].";
				InputRules.identifier(prefix + "sku", delivery.sku());
				InputRules.text(prefix + "supplier", delivery.supplier(), 1, 200);
				InputRules.units(prefix + "quantity", delivery.quantity(), 1, InputRules.MAX_RESTOCK_QUANTITY);
				InputRules.pastDate(prefix + "promisedOn", delivery.promisedOn(), today);
				InputRules.pastDate(prefix + "receivedOn", delivery.receivedOn(), today);
			}
		})
			.then(this.db.sql(SUPPLIERS_BY_NAME + """
					insert into restock (sku, supplier_id, quantity, quantity_received, promised_on, expected_on,
						received_on, status)
					select u.sku, s.id, u.quantity, u.quantity, u.promised_on::date, u.received_on::date,
						u.received_on::date, 'RECEIVED'
					from unnest(:skus, :suppliers, :quantities, :promised, :received)
						as u(sku, supplier, quantity, promised_on, received_on)
					join suppliers s on s.name = u.supplier
					""")
				.bind("skus", deliveries.stream().map(PastDelivery::sku).toArray(String[]::new))
				.bind("suppliers",
						deliveries.stream().map((delivery) -> delivery.supplier().strip()).toArray(String[]::new))
				.bind("quantities", deliveries.stream().map(PastDelivery::quantity).toArray(Integer[]::new))
				.bind("promised",
						deliveries.stream().map((delivery) -> delivery.promisedOn().toString()).toArray(String[]::new))
				.bind("received",
						deliveries.stream().map((delivery) -> delivery.receivedOn().toString()).toArray(String[]::new))
				.then());
	}

	/**
	 * Every supplier's delivery record: its restocks received in full, measured against
	 * the date first promised for each, which is also what widens its delivery windows.
	 * @return one entry per supplier with at least one received restock, by name
	 */
	public Mono<List<SupplierReliability>> supplierReliability() {
		return this.db.sql(RELIABILITY.formatted("", "", "s.name"))
			.map(InventoryService::reliability)
			.all()
			.collectList();
	}

	/**
	 * The suppliers whose delivery records most need a planner's attention: most restocks
	 * received late first, then the lowest on-time share, then the most days late on
	 * average, then by name; limited and ordered in SQL.
	 * @param supplier part of the supplier's name, any case, its wildcards taken as
	 * written; blank for every supplier
	 * @param limit the most suppliers to return, at least 1
	 * @return the suppliers, and how many suppliers with a received restock match in all
	 */
	public Mono<SupplierReliability.Worst> leastReliableSuppliers(String supplier, int limit) {
		return this.db
			.sql(RELIABILITY.formatted(", count(*) over () as suppliers", "and s.name ilike :supplier escape '\\'", """
					count(*) - count(*) filter (where r.received_on <= r.promised_on) desc,
						(count(*) filter (where r.received_on <= r.promised_on))::float8 / count(*),
						average_days_late desc, s.name
					limit :limit"""))
			.bind("supplier", RestockSearch.contains(supplier))
			.bind("limit", Math.max(1, limit))
			.map((row) -> Map.entry(reliability(row), row.get("suppliers", Long.class)))
			.all()
			.collectList()
			.map((found) -> new SupplierReliability.Worst(found.stream().map(Map.Entry::getKey).toList(),
					found.isEmpty() ? 0 : found.get(0).getValue()));
	}

	private static SupplierReliability reliability(Readable row) {
		int received = row.get("received", Integer.class);
		int onTime = row.get("on_time", Integer.class);
		return new SupplierReliability(row.get("name", String.class), received, onTime, (double) onTime / received,
				row.get("average_days_late", Double.class));
	}

	/**
	 * Recomputes a supplier's lateness allowance from its receipts, blended with every
	 * supplier's, and stores it. Other suppliers keep theirs until their own next
	 * receipt, so one receipt moves the windows of one supplier's restocks only. Must run
	 * inside the caller's transaction, before the SKUs are re-planned; {@link #receive}
	 * takes the lock that serializes it first.
	 * @param calibration the rule
	 * @param supplier the supplier's name
	 * @return the SKUs of the supplier's open restocks when its allowance changed, else
	 * none; sorted
	 */
	@Transactional
	public Mono<List<String>> recalibrate(LatenessCalibration calibration, String supplier) {
		LocalDate today = LocalDate.now(this.clock);
		// corrections count with the receipt they correct; a receipt corrected to nothing
		// delivered nothing
		Mono<Map<Long, List<LatenessCalibration.Receipt>>> receipts = this.db.sql("""
				select r.supplier_id, rr.received_on - r.promised_on as late, rr.received_on
				from restock_receipt rr join restock r on r.id = rr.restock_id
				where rr.corrects_id is null and rr.quantity + coalesce((select sum(c.quantity) from restock_receipt c
					where c.corrects_id = rr.id), 0) > 0
				""")
			.map((row) -> Map.entry(row.get("supplier_id", Long.class),
					new LatenessCalibration.Receipt(row.get("late", Integer.class),
							row.get("received_on", LocalDate.class))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((bySupplier) -> {
				Map<Long, List<LatenessCalibration.Receipt>> lists = new LinkedHashMap<>();
				bySupplier.forEach((id, list) -> lists.put(id, List.copyOf(list)));
				return lists;
			});
		Mono<long[]> stored = this.db.sql("""
				select s.id, coalesce(l.days, -1) as days from supplier s
				left join lateness_allowance l on l.supplier_id = s.id where s.name = :name
				""")
			.bind("name", supplier)
			.map((row) -> new long[] { row.get("id", Long.class), row.get("days", Integer.class) })
			.one();
		return calibrationLock().then(Mono.zip(receipts, stored)).flatMap((both) -> {
			long id = both.getT2()[0];
			int days = calibration.allowances(both.getT1(), today).of(id);
			if (days == both.getT2()[1]) {
				return Mono.just(List.<String>of());
			}
			return this.db.sql("""
					insert into lateness_allowance (supplier_id, days) values (:id, :days)
					on conflict (supplier_id) do update set days = excluded.days, calibrated_at = now()
					""").bind("id", id).bind("days", days).then().then(this.db.sql("""
					select distinct sku from restock
					where supplier_id = :id and status not in ('RECEIVED', 'CANCELLED') and quantity > quantity_received
					order by sku
					""").bind("id", id).map((row) -> row.get("sku", String.class)).all().collectList());
		});
	}

	private Mono<Void> calibrationLock() {
		return this.db.sql("select pg_advisory_xact_lock(:key)").bind("key", CALIBRATION_LOCK).then();
	}

	/**
	 * Each SKU's buying terms: the supplier of its latest restock, that supplier's own
	 * lead time measured from its receipts, and its minimum order quantity.
	 * @param skus the SKUs
	 * @return terms by SKU, for the SKUs that have had a restock
	 */
	public Mono<Map<String, SupplierTerms>> supplierTerms(Collection<String> skus) {
		if (skus.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.db.sql("""
				with latest as (
					select distinct on (r.sku) r.sku, r.supplier_id from restock r where r.sku = any(:skus)
					order by r.sku, r.created_at desc, r.id desc
				), lead as (
					select r.supplier_id, round(avg(r.received_on - r.created_at::date))::int as days
					from restock r
					where r.status = 'RECEIVED' and r.received_on is not null
						and r.supplier_id in (select supplier_id from latest)
					group by r.supplier_id
				)
				select l.sku, s.name, d.days, s.minimum_order_quantity
				from latest l join supplier s on s.id = l.supplier_id left join lead d on d.supplier_id = l.supplier_id
				""")
			.bind("skus", skus.toArray(String[]::new))
			.map((row) -> new SupplierTerms(row.get("sku", String.class), row.get("name", String.class),
					row.get("days", Integer.class), row.get("minimum_order_quantity", Integer.class)))
			.all()
			.collectMap(SupplierTerms::sku);
	}

	/**
	 * Locks the stock rows of the given SKUs (in SKU order, so concurrent callers never
	 * deadlock) and reads their planned supply. Must run inside the caller's transaction.
	 * @param skus the SKUs
	 * @return supply by SKU, for every SKU that exists
	 */
	public Mono<Map<String, SupplySnapshot>> lockSupply(Collection<String> skus) {
		return supply(skus, true);
	}

	/**
	 * Reads the planned supply of the given SKUs without locking anything, for answers
	 * that change nothing (what a new order would get).
	 * @param skus the SKUs
	 * @return supply by SKU, for every SKU that exists
	 */
	public Mono<Map<String, SupplySnapshot>> readSupply(Collection<String> skus) {
		return supply(skus, false);
	}

	private Mono<Map<String, SupplySnapshot>> supply(Collection<String> skus, boolean lock) {
		String[] sorted = new TreeSet<>(skus).toArray(String[]::new);
		Mono<Map<String, Integer>> stock = this.db
			.sql("select sku, on_hand from stock where sku = any(:skus) order by sku" + (lock ? " for update" : ""))
			.bind("skus", sorted)
			.map((row) -> Map.entry(row.get("sku", String.class), row.get("on_hand", Integer.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, LinkedHashMap::new);
		Mono<Map<String, List<OpenRestock>>> restocks = this.db
			.sql("""
					select r.id, r.sku, r.expected_on, r.promised_on, r.quantity - r.quantity_received as open_quantity,
						l.days
					from restock r left join lateness_allowance l on l.supplier_id = r.supplier_id
					where r.sku = any(:skus) and r.status not in ('RECEIVED', 'CANCELLED') and r.quantity > r.quantity_received
					order by r.sku, r.expected_on, r.id
					""")
			.bind("skus", sorted)
			.map((row) -> Map.entry(row.get("sku", String.class),
					new OpenRestock(row.get("id", Long.class), row.get("expected_on", LocalDate.class),
							row.get("open_quantity", Integer.class), row.get("days", Integer.class),
							row.get("promised_on", LocalDate.class))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((byKey) -> {
				Map<String, List<OpenRestock>> result = new LinkedHashMap<>();
				byKey.forEach((sku, list) -> result.put(sku, new ArrayList<>(list)));
				return result;
			});
		return stock.flatMap((onHand) -> restocks.map((open) -> {
			Map<String, SupplySnapshot> supply = new LinkedHashMap<>();
			onHand.forEach(
					(sku, units) -> supply.put(sku, new SupplySnapshot(sku, units, open.getOrDefault(sku, List.of()))));
			return supply;
		}));
	}

	/**
	 * Takes shipped units off the stock: they left the warehouse. Lines held them, so
	 * free stock (on hand minus what lines hold) stays the same when the lines let go of
	 * them in the same transaction. Must run inside the caller's transaction, holding the
	 * SKUs' stock locks ({@link #lockSupply}).
	 * @param units units shipped, by SKU; never more than lines of the SKU hold
	 * @return completes when the stock is updated
	 */
	public Mono<Void> removeShipped(Map<String, Integer> units) {
		if (units.isEmpty()) {
			return Mono.empty();
		}
		List<Map.Entry<String, Integer>> entries = List.copyOf(units.entrySet());
		return this.db.sql("""
				update stock s set on_hand = s.on_hand - u.units, version = s.version + 1, updated_at = now()
				from unnest(:skus, :units) as u(sku, units)
				where s.sku = u.sku
				""")
			.bind("skus", entries.stream().map(Map.Entry::getKey).toArray(String[]::new))
			.bind("units", entries.stream().map(Map.Entry::getValue).toArray(Integer[]::new))
			.then();
	}

	/**
	 * Lists stock levels by SKU, a page at a time.
	 * @param afterSku the last SKU of the previous page, or {@code null} for the first
	 * @param limit the most SKUs to return
	 * @param skus only these SKUs, or empty for all
	 * @param updatedSince only SKUs whose units on hand changed at or after this moment,
	 * or {@code null}
	 * @return the stock levels, by SKU
	 */
	public Mono<List<StockLevel>> stock(@Nullable String afterSku, int limit, Collection<String> skus,
			@Nullable Instant updatedSince) {
		return this.db.sql("""
				select s.sku, s.on_hand, s.updated_at,
					coalesce((select sum(l.allocated) from order_line l
						where l.sku = s.sku and l.shipped + l.cancelled < l.quantity), 0)::int as held,
					coalesce((select sum(r.quantity - r.quantity_received) from restock r
						where r.sku = s.sku and r.status not in ('RECEIVED', 'CANCELLED')), 0)::int as inbound
				from stock s
				where s.sku > coalesce(cast(:after as text), '') and (cardinality(:skus) = 0 or s.sku = any(:skus))
					and s.updated_at >= coalesce(cast(:since as timestamptz), '-infinity')
				order by s.sku limit :limit
				""")
			.bind("after", Parameter.fromOrEmpty(afterSku, String.class))
			.bind("skus", skus.toArray(String[]::new))
			.bind("since", Parameter.fromOrEmpty(updatedSince, Instant.class))
			.bind("limit", limit)
			.map((row) -> new StockLevel(row.get("sku", String.class), row.get("on_hand", Integer.class),
					row.get("held", Integer.class), row.get("inbound", Integer.class),
					row.get("updated_at", Instant.class)))
			.all()
			.collectList();
	}

	static Restock restock(Readable row) {
		return new Restock(row.get("id", Long.class), row.get("sku", String.class), row.get("supplier", String.class),
				row.get("quantity", Integer.class), row.get("quantity_received", Integer.class),
				row.get("promised_on", LocalDate.class), row.get("expected_on", LocalDate.class),
				row.get("received_on", LocalDate.class), RestockStatus.valueOf(row.get("status", String.class)),
				row.get("version", Long.class));
	}

}
