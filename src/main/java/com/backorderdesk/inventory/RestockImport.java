package com.backorderdesk.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.catalog.CatalogService;
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

	private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final int MAX_QUANTITY = 1_000_000_000;

	private final CatalogService catalog;

	private final Clock clock;

	RestockImport(CatalogService catalog, Clock clock) {
		this.catalog = catalog;
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
		rows.stream().filter((row) -> row.fields().size() == COLUMNS.size()).forEach((row) -> skus.add(row.sku()));
		return this.catalog.findAll(skus).map((products) -> check(rows, products.keySet()));
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
			else if (!SKU.matcher(sku).matches() || !knownSkus.contains(sku)) {
				problems.add(new ImportProblem(row.line(), "sku", "Unknown SKU '" + sku + "'"));
			}
			String supplier = row.fields().get(1).strip();
			if (supplier.isEmpty() || supplier.length() > 200) {
				problems.add(new ImportProblem(row.line(), "supplier", "The supplier must be 1 to 200 characters"));
			}
			Integer quantity = quantity(row.fields().get(2).strip());
			if (quantity == null) {
				problems.add(new ImportProblem(row.line(), "quantity", "'" + row.fields().get(2).strip()
						+ "' is not a whole number of units between 1 and " + MAX_QUANTITY));
			}
			LocalDate expectedOn = date(row.fields().get(3).strip());
			if (expectedOn == null) {
				problems.add(new ImportProblem(row.line(), "expected_on",
						"'" + row.fields().get(3).strip() + "' is not a date like 2030-01-31"));
			}
			else if (expectedOn.isBefore(today)) {
				problems
					.add(new ImportProblem(row.line(), "expected_on", "The date " + expectedOn + " is in the past"));
			}
			if (problems.size() == before && quantity != null && expectedOn != null) {
				restocks.add(new NewRestock(sku, supplier, quantity, expectedOn));
			}
		}
		return new ImportReport(problems.isEmpty() ? restocks : List.of(), rows.size(), problems);
	}

	private static boolean isHeader(List<String> fields) {
		return fields.stream().map((field) -> field.strip().toLowerCase(Locale.ROOT)).toList().equals(COLUMNS);
	}

	private static @Nullable Integer quantity(String text) {
		try {
			int quantity = Integer.parseInt(text);
			return (quantity >= 1 && quantity <= MAX_QUANTITY) ? quantity : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
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
