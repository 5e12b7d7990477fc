package com.backorderdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each table has one owning module that writes it (DESIGN.md §4); other modules read it,
 * or ask the owner's services to change it. This reads the SQL in the main code (text
 * blocks and string literals), finds every statement that writes a table ({@code insert
 * into}, {@code update … set}, {@code delete from}, {@code merge into},
 * {@code truncate}), and the tables that Spring Data repositories save, and fails naming
 * the class, the table and its owner when a module writes a table that is not its own.
 * Functions in the migrations may not write tables at all: a write belongs in a module's
 * code, where this test sees it.
 */
class TableOwnershipTests {

	private static final Path MAIN = Path.of("src/main/java/com/backorderdesk");

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	/**
	 * The module that owns each table: the one whose migration created it, as DESIGN.md
	 * §4 assigns the data (V1 core schema, V2 customer access, V3 choices, V4 staff, V5
	 * e-mail, V6 receipts, V9 shipments).
	 */
	private static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("product", "catalog"),
			Map.entry("supplier", "inventory"), Map.entry("stock", "inventory"), Map.entry("restock", "inventory"),
			Map.entry("restock_receipt", "inventory"), Map.entry("restock_import", "inventory"),
			Map.entry("customer_order", "orders"), Map.entry("order_line", "orders"), Map.entry("shipment", "orders"),
			Map.entry("order_event", "timeline"), Map.entry("substitution_offer", "substitution"),
			Map.entry("lookup_attempt", "security"), Map.entry("link_secret", "security"),
			Map.entry("staff_user", "security"),
			// "tell me when it's back" requests are a subscription to an e-mail
			Map.entry("back_in_stock_request", "notification"), Map.entry("audit_entry", "audit"),
			Map.entry("order_note", "staff"), Map.entry("mail_outbox", "notification"),
			Map.entry("mail_told_line", "notification"), Map.entry("mail_told_order", "notification"),
			Map.entry("mail_offer_reminder", "notification"),
			// the FTC rule decides about order lines: orders keeps the notices
			Map.entry("delay_notice", "orders"), Map.entry("lateness_allowance", "inventory"),
			Map.entry("staff_session", "security"), Map.entry("login_throttle", "security"),
			Map.entry("promise", "promise"), Map.entry("promise_change", "promise"),
			Map.entry("handling_spread", "promise"), Map.entry("webhook_endpoint", "integration"),
			Map.entry("webhook_message", "integration"), Map.entry("webhook_delivery", "integration"),
			Map.entry("webhook_attempt", "integration"), Map.entry("refund", "integration"),
			Map.entry("rate_limit_window", "security"));

	/**
	 * Tables that one class of their module writes, not any: the outbox has one writer
	 * (issue 9), so that every e-mail is queued by the same rules.
	 */
	private static final Map<String, String> OWNING_CLASSES = Map.of("mail_outbox", "notification.Outbox");

	private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"\\s*\\n(.*?)\"\"\"", Pattern.DOTALL);

	private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

	private static final String NAME = "([a-z_][a-z0-9_]*\\.)?([a-z_][a-z0-9_]*)";

	/**
	 * Statements that write a table, on SQL with its white space folded: {@code update}
	 * after {@code for} (row locks) or {@code do} (upserts) names no table.
	 */
	private static final List<Pattern> WRITES = List.of(Pattern.compile("\\binsert into " + NAME),
			Pattern.compile("(?<!\\bfor |\\bdo )\\bupdate (?!set\\b|of\\b|skip\\b|nowait\\b)" + NAME),
			Pattern.compile("\\bdelete from " + NAME), Pattern.compile("\\bmerge into " + NAME),
			Pattern.compile("\\btruncate (?:table )?" + NAME));

	private static final Pattern REPOSITORY = Pattern
		.compile("extends\\s+(?:Reactive|R2dbc)\\w*Repository<\\s*(\\w+)\\s*,");

	private static final Pattern TABLE_ANNOTATION = Pattern.compile("@Table\\(\\s*(?:name\\s*=\\s*)?\"(\\w+)\"\\s*\\)");

	private static final Pattern CREATE_TABLE = Pattern.compile("create table (\\w+)", Pattern.CASE_INSENSITIVE);

	private static final Pattern FUNCTION_BODY = Pattern.compile(
			"create (?:or replace )?function (\\w+).*?\\$\\$(.*?)\\$\\$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	@Test
	void everyTableThatIsWrittenIsWrittenOnlyByItsOwner() {
		List<Write> writes = writes();
		assertThat(writes).as("writes found in the main code")
			.extracting(Write::table)
			.contains("product", "stock", "order_line", "mail_outbox", "audit_entry");
		List<String> violations = new ArrayList<>();
		for (Write write : writes) {
			String owner = OWNERS.get(write.table());
			if (owner == null) {
				violations.add(write.writer() + " writes " + write.table()
						+ ", which no module owns: add it to OWNERS with the module whose migration created it");
				continue;
			}
			String owningClass = OWNING_CLASSES.get(write.table());
			boolean ownerWrites = (owningClass != null) ? owningClass.equals(write.writer())
					: owner.equals(write.module());
			if (!ownerWrites) {
				violations.add(write.writer() + " writes " + write.table() + ", which belongs to "
						+ ((owningClass != null) ? owningClass : owner) + ": ask its services to change it");
			}
		}
		assertThat(violations).as("tables written outside their owner").isEmpty();
	}

	/**
	 * Order events are read as their typed records, in one place (issue 9): SQL outside
	 * {@code timeline} that reaches into a stored event's JSON
	 * ({@code payload->>'before'}) would read a shape only the timeline's codec may know,
	 * and break silently when a record changes. Ask {@code timeline.OrderEventStream} for
	 * typed events instead.
	 */
	@Test
	void noSqlOutsideTheTimelineReadsIntoAStoredEventsJson() {
		Pattern jsonPath = Pattern.compile("\\bpayload\\s*(->|#>|@>|\\?)");
		List<String> readers = new ArrayList<>();
		for (Path file : files(MAIN, ".java")) {
			if (file.startsWith(MAIN.resolve("timeline"))) {
				continue;
			}
			Matcher found = jsonPath.matcher(read(file));
			while (found.find()) {
				readers.add(MAIN.relativize(file) + ": " + found.group());
			}
		}
		assertThat(jsonPath.matcher("select payload->>'before' from order_event").find()).isTrue();
		assertThat(readers).as("SQL reading event payloads outside the timeline").isEmpty();
	}

	@Test
	void everyTableTheMigrationsCreateHasAnOwner() {
		Set<String> created = new TreeSet<>();
		for (Path migration : files(MIGRATIONS, ".sql")) {
			Matcher table = CREATE_TABLE.matcher(read(migration));
			while (table.find()) {
				created.add(table.group(1).toLowerCase(Locale.ROOT));
			}
		}
		assertThat(created).as("tables the migrations create").contains("product", "mail_outbox");
		assertThat(OWNERS.keySet()).as("tables with an owner").containsExactlyInAnyOrderElementsOf(created);
	}

	@Test
	void functionsInTheMigrationsWriteNoTable() {
		List<String> writing = new ArrayList<>();
		for (Path migration : files(MIGRATIONS, ".sql")) {
			Matcher function = FUNCTION_BODY.matcher(read(migration));
			while (function.find()) {
				for (String table : tablesWritten(function.group(2))) {
					writing.add(migration.getFileName() + ": function " + function.group(1) + " writes " + table);
				}
			}
		}
		assertThat(writing).as("functions that write tables").isEmpty();
	}

	@Test
	void theScannerFindsWritesInTextBlocksStringsAndRepositoriesButNotLocksOrUpserts() {
		String source = """
				class Example {
					String a = \"\"\"
						insert into stock (sku, on_hand) values (:sku, 0)
						on conflict (sku) do update set on_hand = excluded.on_hand
						\"\"\";
					String b = "select * from restock where id = :id for update of r";
					String c = "update customer_order set " + column + " = :value";
					String d = \"\"\"
						with target as (select id from restock for update skip locked)
						delete from
							lookup_attempt where key = :key
						\"\"\";
				}
				interface Rows extends ReactiveCrudRepository<Row, Long> {
				}
				""";
		assertThat(tablesWritten(sqlOf(source))).containsExactly("customer_order", "lookup_attempt", "stock");
		assertThat(repositoryEntities(source)).containsExactly("Row");
		assertThat(tablesWritten("update public.product p set name = :name")).containsExactly("product");
	}

	private static List<Write> writes() {
		List<Write> writes = new ArrayList<>();
		for (Path file : files(MAIN, ".java")) {
			Path relative = MAIN.relativize(file);
			String module = (relative.getNameCount() > 1) ? relative.getName(0).toString() : "";
			String writer = (module.isEmpty() ? "" : module + ".")
					+ relative.getFileName().toString().replace(".java", "");
			String source = read(file);
			for (String table : tablesWritten(sqlOf(source))) {
				writes.add(new Write(writer, module, table));
			}
			for (String entity : repositoryEntities(source)) {
				writes.add(new Write(writer, module, entityTable(file.getParent(), entity)));
			}
		}
		return writes;
	}

	/** The SQL a Java source may hold: its text blocks, then its string literals. */
	static String sqlOf(String source) {
		StringBuilder sql = new StringBuilder();
		Matcher block = TEXT_BLOCK.matcher(source);
		while (block.find()) {
			sql.append(block.group(1)).append(";\n");
		}
		Matcher string = STRING.matcher(TEXT_BLOCK.matcher(source).replaceAll(""));
		while (string.find()) {
			sql.append(string.group(1)).append(";\n");
		}
		return sql.toString();
	}

	static Set<String> tablesWritten(String sql) {
		String folded = sql.replaceAll("--[^\\n]*", " ").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
		Set<String> tables = new TreeSet<>();
		for (Pattern write : WRITES) {
			Matcher matcher = write.matcher(folded);
			while (matcher.find()) {
				tables.add(matcher.group(2));
			}
		}
		return tables;
	}

	static List<String> repositoryEntities(String source) {
		List<String> entities = new ArrayList<>();
		Matcher repository = REPOSITORY.matcher(source);
		while (repository.find()) {
			entities.add(repository.group(1));
		}
		return entities;
	}

	/**
	 * The table of an entity a repository saves: its {@code @Table} name, or its class
	 * name in snake case as Spring Data derives it.
	 */
	private static String entityTable(Path directory, String entity) {
		Path file = directory.resolve(entity + ".java");
		if (Files.exists(file)) {
			Matcher table = TABLE_ANNOTATION.matcher(read(file));
			if (table.find()) {
				return table.group(1).toLowerCase(Locale.ROOT);
			}
		}
		return entity.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	private static List<Path> files(Path root, String suffix) {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A statement that writes a table.
	 *
	 * @param writer the class, as {@code module.Class}
	 * @param module its module, empty for the root package
	 * @param table the table written
	 */
	record Write(String writer, String module, String table) {
	}

}
