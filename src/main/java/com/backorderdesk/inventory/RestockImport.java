package com.backorderdesk.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import org.springframework.stereotype.Service;

/**
 * Reads restocks from CSV with the columns {@code sku,supplier,quantity,expected_on} and
 * checks every row, so that an import is applied whole or not at all.
 */
@Service
public class RestockImport {

	/** The columns, in order; a first line naming them is skipped. */
	public static final List<String> COLUMNS = List.of("sku", "supplier", "quantity", "expected_on");

	/** The most rows one import may have. */
	public static final int MAX_ROWS = 5000;

	private final InventoryService inventory;

	private final Clock clock;

	RestockImport(InventoryService inventory, Clock clock) {
		this.inventory = inventory;
		this.clock = clock;
	}

	/**
	 * Reads and checks an import.
	 * @param csv the file's text
	 * @return the restocks, or the problems of every invalid row
	 */
	public Mono<ImportReport> read(String csv) {
		List<Csv.Record> records = Csv.parse(csv);
		int first = (!records.isEmpty() && isHeader(records.get(0).fields())) ? 1 : 0;
		List<Row> rows = new ArrayList<>();
		for (Csv.Record record : records.subList(first, records.size())) {
			List<String> fields = record.fields();
			if (fields.size() == 1 && fields.get(0).isBlank()) {
				continue;
			}
			rows.add(new Row(record.line(), fields));
		}
		if (rows.isEmpty()) {
			return Mono.just(new ImportReport(List.of(), 0, List.of(new ImportProblem(0, "",
					"The file has no restocks: one row per restock, with the columns " + String.join(",", COLUMNS)))));
		}
		if (rows.size() > MAX_ROWS) {
			return Mono.just(new ImportReport(List.of(), rows.size(), List.of(new ImportProblem(0, "",
					"The file has " + rows.size() + " rows; import at most " + MAX_ROWS + " at a time"))));
		}
		Set<String> skus = new LinkedHashSet<>();
		rows.stream()
			.filter((row) -> row.fields().size() == COLUMNS.size() && InputRules.isIdentifier(row.sku()))
			.forEach((row) -> skus.add(row.sku()));
		return this.inventory.trackedSkus(skus).map((known) -> check(rows, known));
	}

	private ImportReport check(List<Row> rows, Set<String> knownSkus) {
		LocalDate today = LocalDate.now(this.clock);
		List<NewRestock> restocks = new ArrayList<>();
		List<ImportProblem> problems = new ArrayList<>();
		for (Row row : rows) {
			int before = problems.size();
			if (row.fields().size() != COLUMNS.size()) {
				problems.add(new ImportProblem(row.line(), "", "Expected " + COLUMNS.size() + " columns ("
						+ String.join(",", COLUMNS) + "), found " + row.fields().size()));
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
					() -> InputRules.text("supplier", row.fields().get(1), 1, 200));
			String quantityText = row.fields().get(2).strip();
			Integer quantity = quantity(quantityText);
			if (quantity == null) {
				problems.add(new ImportProblem(row.line(), "quantity", "'" + printable(quantityText)
						+ "' is not a whole number of units between 1 and " + InputRules.MAX_RESTOCK_QUANTITY));
			}
			String dateText = row.fields().get(3).strip();
			LocalDate date = date(dateText);
			LocalDate expectedOn = null;
			if (date == null) {
				problems.add(new ImportProblem(row.line(), "expected_on",
						"'" + printable(dateText) + "' is not a date like 2030-01-31"));
			}
			else {
				expectedOn = checked(row, "expected_on", problems,
						() -> InputRules.expectedDate("expected_on", date, today));
			}
			if (problems.size() == before && supplier != null && quantity != null && expectedOn != null) {
				restocks.add(new NewRestock(sku, supplier, quantity, expectedOn));
			}
		}
		return new ImportReport(problems.isEmpty() ? restocks : List.of(), rows.size(), problems);
	}

	private static boolean isHeader(List<String> fields) {
		return fields.stream().map((field) -> field.strip().toLowerCase(Locale.ROOT)).toList().equals(COLUMNS);
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

	private record Row(int line, List<String> fields) {

		String sku() {
			return this.fields.get(0).strip();
		}

	}

}
