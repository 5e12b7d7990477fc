package com.backorderdesk.inventory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

/**
 * Reads restocks from CSV and checks every row, so that an import is applied whole or not
 * at all. The columns are {@code sku,supplier,quantity,expected_on}, and optionally
 * {@code restock_id}: a row with a restock id changes that open restock's quantity and
 * expected date, a row without one creates a restock. A first line naming the columns may
 * give them in any order.
 *
 * <p>
 * An upload is staged (table {@code restock_import}) between its preview and the
 * planner's confirmation, so the confirmation applies the very file that was previewed,
 * read and checked again against the restocks as they are then. Staged files are kept for
 * a day.
 */
@Service
public class RestockImport {

	/** The columns every row has, in the order a file without a first line gives them. */
	public static final List<String> COLUMNS = List.of("sku", "supplier", "quantity", "expected_on");

	/** The column that makes a row change an open restock rather than create one. */
	public static final String RESTOCK_ID = "restock_id";

	/** The most rows one import may have. */
	public static final int MAX_ROWS = 5000;

	/** How long a previewed upload waits for its confirmation. */
	static final Duration STAGED_FOR = Duration.ofDays(1);

	private static final SecureRandom TOKENS = new SecureRandom();

	private final InventoryService inventory;

	private final DatabaseClient db;

	private final Clock clock;

	RestockImport(InventoryService inventory, DatabaseClient db, Clock clock) {
		this.inventory = inventory;
		this.db = db;
		this.clock = clock;
	}

	/**
	 * Reads and checks an import against the catalogue and the restocks as they are now.
	 * @param csv the file's text
	 * @return the restocks to create and to change, or the problems of every invalid row
	 */
	public Mono<ImportReport> read(String csv) {
		List<Csv.Record> records = Csv.parse(csv);
		List<String> header = header(records);
		if (header == null && !records.isEmpty() && looksLikeHeader(records.get(0).fields())) {
			return Mono.just(ImportReport.problem(0, "The first line names columns this import does not know: " + "use "
					+ String.join(",", COLUMNS) + ", and " + RESTOCK_ID + " to change a restock"));
		}
		List<Row> rows = new ArrayList<>();
		for (Csv.Record record : records.subList((header != null) ? 1 : 0, records.size())) {
			List<String> fields = record.fields();
			if (fields.size() == 1 && fields.get(0).isBlank()) {
				continue;
			}
			rows.add(Row.of(record.line(), fields, header));
		}
		if (rows.isEmpty()) {
			return Mono.just(ImportReport.problem(0,
					"The file has no restocks: one row per restock, with the columns " + String.join(",", COLUMNS)));
		}
		if (rows.size() > MAX_ROWS) {
			return Mono.just(ImportReport.problem(rows.size(),
					"The file has " + rows.size() + " rows; import at most " + MAX_ROWS + " at a time"));
		}
		Set<String> skus = new LinkedHashSet<>();
		Set<Long> ids = new LinkedHashSet<>();
		for (Row row : rows) {
			if (row.complete() && InputRules.isIdentifier(row.sku())) {
				skus.add(row.sku());
			}
			Long id = row.restockId();
			if (row.complete() && id != null) {
				ids.add(id);
			}
		}
		return this.inventory.trackedSkus(skus)
			.zipWith(this.inventory.findAll(ids))
			.map((known) -> check(rows, known.getT1(), known.getT2()));
	}

	/**
	 * Keeps an upload until the planner confirms its preview.
	 * @param csv the file's text
	 * @param actor who uploaded it; only they can apply it
	 * @return the token that names it
	 */
	public Mono<String> stage(String csv, String actor) {
		byte[] random = new byte[16];
		TOKENS.nextBytes(random);
		String token = HexFormat.of().formatHex(random);
		return this.db.sql("delete from restock_import where created_at < :before")
			.bind("before", this.clock.instant().minus(STAGED_FOR))
			.then()
			.then(this.db.sql("insert into restock_import (token, created_by, csv) values (:token, :actor, :csv)")
				.bind("token", token)
				.bind("actor", actor)
				.bind("csv", csv)
				.then())
			.thenReturn(token);
	}

	/**
	 * An upload kept for its confirmation.
	 * @param token the token {@link #stage} gave
	 * @param actor who asks: only the planner who uploaded it gets it
	 * @return the file's text, or empty when there is none for them (applied, too old,
	 * someone else's)
	 */
	public Mono<String> staged(String token, String actor) {
		if (!token.matches("[0-9a-f]{32}")) {
			return Mono.empty();
		}
		return this.db.sql("""
				select csv from restock_import
				where token = :token and created_by = :actor and created_at >= :since
				""")
			.bind("token", token)
			.bind("actor", actor)
			.bind("since", this.clock.instant().minus(STAGED_FOR))
			.map((row) -> row.get("csv", String.class))
			.one();
	}

	/**
	 * Forgets an upload, in the caller's transaction: the one that applied it.
	 * @param token its token
	 * @return completion
	 */
	public Mono<Void> discard(String token) {
		return this.db.sql("delete from restock_import where token = :token").bind("token", token).then();
	}

	/**
	 * The columns of a file's first line when it names them: the four every row has, in
	 * any order, and the restock id or not.
	 */
	private static @Nullable List<String> header(List<Csv.Record> records) {
		if (records.isEmpty()) {
			return null;
		}
		List<String> names = records.get(0).fields().stream().map((f) -> f.strip().toLowerCase(Locale.ROOT)).toList();
		Set<String> allowed = new LinkedHashSet<>(COLUMNS);
		allowed.add(RESTOCK_ID);
		boolean named = names.size() == Set.copyOf(names).size() && allowed.containsAll(names)
				&& names.containsAll(COLUMNS);
		return named ? names : null;
	}

	private static boolean looksLikeHeader(List<String> fields) {
		return fields.stream().anyMatch((field) -> field.strip().equalsIgnoreCase("sku"));
	}

	private ImportReport check(List<Row> rows, Set<String> knownSkus, Map<Long, Restock> restocks) {
		LocalDate today = LocalDate.now(this.clock);
		List<NewRestock> created = new ArrayList<>();
		List<RestockEdit> changed = new ArrayList<>();
		List<ImportProblem> problems = new ArrayList<>();
		Map<Long, Integer> changedBy = new HashMap<>();
		int unchanged = 0;
		for (Row row : rows) {
			int before = problems.size();
			if (!row.complete()) {
				problems.add(new ImportProblem(row.line(), "", "Expected " + row.expected() + " columns ("
						+ String.join(",", row.names()) + "), found " + row.fields().size()));
				continue;
			}
			String sku = row.sku();
			if (sku.isEmpty()) {
				problems.add(new ImportProblem(row.line(), "sku", "The SKU is missing"));
			}
			else if (!knownSkus.contains(sku)) {
				problems.add(new ImportProblem(row.line(), "sku", "Unknown SKU '" + printable(sku) + "'"));
			}
			String supplier = checked(row, "supplier", problems,
					() -> InputRules.text("supplier", row.field("supplier"), 1, 200));
			String quantityText = row.field("quantity").strip();
			Integer quantity = quantity(quantityText);
			if (quantity == null) {
				problems.add(new ImportProblem(row.line(), "quantity", "'" + printable(quantityText)
						+ "' is not a whole number of units between 1 and " + InputRules.MAX_RESTOCK_QUANTITY));
			}
			String dateText = row.field("expected_on").strip();
			LocalDate date = date(dateText);
			if (date == null) {
				problems.add(new ImportProblem(row.line(), "expected_on",
						"'" + printable(dateText) + "' is not a date like 2030-01-31"));
			}
			String idText = row.field(RESTOCK_ID).strip();
			if (idText.isEmpty()) {
				LocalDate expectedOn = (date != null) ? checked(row, "expected_on", problems,
						() -> InputRules.expectedDate("expected_on", date, today)) : null;
				if (problems.size() == before && supplier != null && quantity != null && expectedOn != null) {
					created.add(new NewRestock(sku, supplier, quantity, expectedOn));
				}
				continue;
			}
			Long id = row.restockId();
			Restock restock = (id != null) ? restocks.get(id) : null;
			if (restock == null) {
				problems.add(new ImportProblem(row.line(), RESTOCK_ID, (id == null)
						? "'" + printable(idText) + "' is not a restock number" : "There is no restock " + id));
				continue;
			}
			Integer earlier = changedBy.putIfAbsent(restock.id(), row.line());
			if (earlier != null) {
				problems.add(new ImportProblem(row.line(), RESTOCK_ID,
						"Restock " + restock.id() + " is already changed by row " + earlier));
			}
			else if (!restock.status().isOpen()) {
				problems.add(new ImportProblem(row.line(), RESTOCK_ID, "Restock " + restock.id() + " is "
						+ restock.status().name().toLowerCase(Locale.ROOT) + " and can no longer be changed"));
			}
			else if (!restock.sku().equals(sku)) {
				problems.add(new ImportProblem(row.line(), "sku", "Restock " + restock.id() + " brings " + restock.sku()
						+ ", not " + printable(sku) + "; a restock's SKU cannot change"));
			}
			else if (supplier != null && !restock.supplier().equals(supplier)) {
				problems.add(new ImportProblem(row.line(), "supplier", "Restock " + restock.id() + " comes from "
						+ restock.supplier() + "; a restock's supplier cannot change"));
			}
			else if (quantity != null && quantity < restock.quantityReceived()) {
				problems.add(new ImportProblem(row.line(), "quantity",
						"Restock " + restock.id() + " already received " + restock.quantityReceived() + " units"));
			}
			else if (date != null && !date.equals(restock.expectedOn())) {
				checked(row, "expected_on", problems, () -> InputRules.expectedDate("expected_on", date, today));
			}
			if (problems.size() == before && quantity != null && date != null) {
				if (quantity == restock.quantity() && date.equals(restock.expectedOn())) {
					unchanged++;
				}
				else {
					changed.add(new RestockEdit(row.line(), restock, quantity, date));
				}
			}
		}
		return problems.isEmpty() ? new ImportReport(created, changed, unchanged, rows.size(), problems)
				: new ImportReport(List.of(), List.of(), 0, rows.size(), problems);
	}

	/**
	 * Applies a rule to a field of a row, noting its refusal as the row's problem.
	 * @return the checked value, or {@code null} when refused
	 */
	private static <T> @Nullable T checked(Row row, String column, List<ImportProblem> problems, Supplier<T> rule) {
		try {
			return rule.get();
		}
		catch (InvalidValueException ex) {
			problems.add(new ImportProblem(row.line(), column, String.valueOf(ex.getMessage())));
			return null;
		}
	}

	private static @Nullable Integer quantity(String text) {
		try {
			int quantity = Integer.parseInt(text);
			return (quantity >= 1 && quantity <= InputRules.MAX_RESTOCK_QUANTITY) ? quantity : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A value as the report can quote it: control characters shown as '?', cut short. */
	private static String printable(String text) {
		StringBuilder shown = new StringBuilder();
		text.codePoints().limit(80).forEach((c) -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return (text.length() > 80) ? shown + "…" : shown.toString();
	}

	private static @Nullable LocalDate date(String text) {
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * One data row, its fields by column name.
	 *
	 * @param line its line in the file
	 * @param fields its fields as given
	 * @param names the columns, from the file's first line or by position
	 */
	private record Row(int line, List<String> fields, List<String> names) {

		static Row of(int line, List<String> fields, @Nullable List<String> header) {
			if (header != null) {
				return new Row(line, fields, header);
			}
			List<String> names = new ArrayList<>(COLUMNS);
			if (fields.size() == COLUMNS.size() + 1) {
				names.add(RESTOCK_ID);
			}
			return new Row(line, fields, names);
		}

		boolean complete() {
			return this.fields.size() == this.names.size();
		}

		int expected() {
			return this.names.size();
		}

		String field(String name) {
			int at = this.names.indexOf(name);
			return (at >= 0 && at < this.fields.size()) ? this.fields.get(at) : "";
		}

		String sku() {
			return field("sku").strip();
		}

		@Nullable Long restockId() {
			String text = field(RESTOCK_ID).strip();
			return text.matches("\\d{1,18}") ? Long.valueOf(text) : null;
		}

	}

}
