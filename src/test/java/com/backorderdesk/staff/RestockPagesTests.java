package com.backorderdesk.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.InventoryService;
import com.backorderdesk.inventory.SupplierReliability;
import com.backorderdesk.inventory.Restock;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's restock pages over HTTP and PostgreSQL: list and filter, create, edit
 * with a conflict, receive, bulk shift with preview, and the CSV import.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RestockPagesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	private WebTestClient http;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private InventoryService inventory;

	@Autowired
	private Clock clock;

	private TestShop shop;

	@BeforeEach
	void shop() {
		this.shop = new TestShop(this.context);
	}

	@Test
	void whenPlannerFiltersBySkuThenTheListShowsThatSkusRestocksWithWaitingOrders() {
		String sku = this.shop.product("LIST", 1000, 0);
		this.shop.restock(sku, 10, today().plusDays(10));
		this.shop.order("LIST-A", sku, 2);
		this.shop.order("LIST-B", sku, 3);
		Browser planner = planner();
		Browser.Page page = planner.get("/staff/restocks?sku=" + sku + "&status=OPEN");
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(page.body()).contains(sku, "Product " + sku, this.shop.unique("Supplier"), "Supplier reliability");
		assertThat(page.body()).containsPattern("<td class=\"number\">2</td>\\s*</tr>");
		assertThat(planner.get("/staff/restocks?sku=" + sku + "&status=RECEIVED").body()).contains("No restocks match");
		Browser.Page bad = planner.get("/staff/restocks?from=yesterday&status=WHATEVER");
		assertThat(bad.status()).isEqualTo(HttpStatus.OK);
		assertThat(bad.body()).contains("Enter a date like", "Choose one of the statuses offered.");
	}

	@Test
	void whenAFilterMatchesMoreThanAPageThenPageTwoShowsTheRestInOrderWithTheFilterKept() {
		String sku = this.shop.product("PAGES", 1000, 0);
		// ties on the date: the id decides, so no restock is on two pages or none
		for (int i = 0; i < 27; i++) {
			this.shop.restock(sku, 1 + i, today().plusDays((i % 2 == 0) ? 20 : 10));
		}
		List<Long> expected = this.shop.db()
			.sql("select id from restock where sku = :sku order by expected_on, id")
			.bind("sku", sku)
			.map((row) -> row.get("id", Long.class))
			.all()
			.collectList()
			.block(TIMEOUT);
		Browser planner = planner();
		Browser.Page first = planner.get("/staff/restocks?sku={sku}&status=OPEN", sku);
		assertThat(first.body()).contains("1–25 of 27 restocks, soonest first", "aria-label=\"Pages of restocks\"",
				"aria-current=\"page\" aria-label=\"Page 1\"",
				"href=\"/staff/restocks?sku=" + sku + "&amp;status=OPEN&amp;page=2\" rel=\"next\"");
		Browser.Page second = planner.get("/staff/restocks?sku={sku}&status=OPEN&page=2", sku);
		assertThat(second.status()).isEqualTo(HttpStatus.OK);
		assertThat(second.body())
			.contains("26–27 of 27 restocks", "aria-current=\"page\" aria-label=\"Page 2\"",
					"href=\"/staff/restocks?sku=" + sku + "&amp;status=OPEN\" rel=\"prev\"", "value=\"" + sku + "\"")
			.doesNotContain("rel=\"next\"");
		List<Long> shown = new ArrayList<>(ids(first.body()));
		assertThat(shown).hasSize(25);
		shown.addAll(ids(second.body()));
		assertThat(shown).containsExactlyElementsOf(expected);
		// one page: no pager at all
		assertThat(planner.get("/staff/restocks?sku={sku}&status=OPEN&to={to}", sku, today().plusDays(10)).body())
			.contains("1–13 of 13 restocks")
			.doesNotContain("Pages of restocks");
	}

	@Test
	void whenManySuppliersHaveDeliveredThenTheTableListsTheTenMostOftenLateFirstAndCountsTheRest() {
		String prefix = this.shop.unique("Reliable");
		String sku = this.shop.product("RELIABLE", 1000, 0);
		// supplier "k" received 12 restocks, k of them late: "l" the most often late
		String letters = "abcdefghijkl";
		for (int k = 1; k <= letters.length(); k++) {
			receive(sku, prefix + "-" + letters.charAt(k - 1), k, 12 - k);
		}
		List<String> worstFirst = new ArrayList<>();
		for (int k = letters.length(); k > 2; k--) {
			worstFirst.add(prefix + "-" + letters.charAt(k - 1));
		}
		StepVerifier.create(this.inventory.leastReliableSuppliers(prefix, 10)).assertNext((worst) -> {
			assertThat(worst.suppliers()).extracting(SupplierReliability::supplier)
				.containsExactlyElementsOf(worstFirst);
			assertThat(worst.suppliers().get(0).onTime()).isZero();
			assertThat(worst.total()).isEqualTo(12);
			assertThat(worst.more()).isEqualTo(2);
		}).verifyComplete();
		Browser planner = planner();
		String body = planner.get("/staff/restocks?supplier={supplier}", prefix).body();
		assertThat(body).contains("2 more suppliers have delivered in full", "most received late first")
			.doesNotContain(prefix + "-a<", prefix + "-b<");
		List<Integer> places = worstFirst.stream().map((name) -> body.indexOf(">" + name + "<")).toList();
		assertThat(places).doesNotContain(-1).isSorted();
		// one supplier, by the same filter as the restocks
		assertThat(planner.get("/staff/restocks?supplier={supplier}", prefix + "-A").body())
			.contains(">" + prefix + "-a<")
			.doesNotContain(prefix + "-l<", "more supplier");
		assertThat(planner.get("/staff/restocks?supplier={supplier}", prefix + "-none").body())
			.contains("No supplier matching the filter has delivered a restock in full yet.");
	}

	/** Records restocks received in full from a supplier: some late, some on time. */
	private void receive(String sku, String supplier, int late, int onTime) {
		LocalDate promised = today().minusDays(30);
		for (int i = 0; i < late + onTime; i++) {
			this.shop.received(sku, supplier, promised, promised.plusDays((i < late) ? 2 : 0));
		}
	}

	@Test
	void whenThePageParameterIsJunkThenTheListStillOpensOnAPageItHas() {
		String sku = this.shop.product("JUNKPAGE", 1000, 0);
		for (int i = 0; i < 26; i++) {
			this.shop.restock(sku, 1 + i, today().plusDays(10 + i));
		}
		Browser planner = planner();
		for (String junk : List.of("-1", "0", "", " ", "abc", "1e3", "2.5", "0x10", "%", "{page}", "1;2",
				"1000000000000000000000000000000", "99999999999", "2147483648", "-2147483649", "٢")) {
			Browser.Page page = planner.get("/staff/restocks?sku={sku}&page={page}", sku, junk);
			assertThat(page.status()).as(junk).isEqualTo(HttpStatus.OK);
			assertThat(page.body()).as(junk).containsAnyOf("1–25 of 26 restocks", "26 of 26 restocks");
		}
		// a NUL is the firewall's to refuse, as in any parameter
		assertThat(planner.get("/staff/restocks?sku={sku}&page={page}", sku, "\u0000").status())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		// past the end: the last page
		assertThat(planner.get("/staff/restocks?sku={sku}&page=100000", sku).body()).contains("26 of 26 restocks")
			.doesNotContain("26–26");
		assertThat(planner.get("/staff/restocks?sku={sku}&page=1000000000000000000000000000000", sku).body())
			.contains("26 of 26 restocks");
		assertThat(planner.get("/staff/restocks?sku={sku}&page=abc", sku).body()).contains("1–25 of 26 restocks");
		// two page parameters: the first counts
		assertThat(planner.get("/staff/restocks?sku={sku}&page=2&page=x", sku).body()).contains("26 of 26");
		// a filter that cannot be read lists nothing, and says so
		assertThat(planner.get("/staff/restocks?sku={sku}&from=never&page=3", sku).body()).contains("No restocks",
				"Enter a date like");
	}

	@Test
	void whenPlannerCreatesARestockThenWaitingOrdersGetADateAndTheChangeIsAudited() {
		String sku = this.shop.product("NEW", 1000, 0);
		OrderView order = this.shop.order("NEW-A", sku, 2);
		Browser planner = planner();
		planner.get("/staff/restocks/new");
		Browser.Page invalid = planner.post("/staff/restocks", "sku", "NO-SUCH-" + sku, "supplier", "Acme", "quantity",
				"lots", "expectedOn", today().minusDays(1).toString());
		assertThat(invalid.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(invalid.body()).contains("Enter a whole number", "The date cannot be before today.");
		Browser.Page unknown = planner.post("/staff/restocks", "sku", "NO-SUCH-" + sku, "supplier", "Acme", "quantity",
				"5", "expectedOn", today().plusDays(3).toString());
		assertThat(unknown.body()).contains("There is no product with SKU");
		Browser.Page created = planner.post("/staff/restocks", "sku", sku, "supplier", this.shop.unique("Acme"),
				"quantity", "5", "expectedOn", today().plusDays(9).toString());
		assertThat(created.location()).matches("/staff/restocks/\\d+\\?notice=created");
		assertThat(this.shop.line(order.number(), sku).eta()).isNotNull();
		assertThat(this.shop.count("select count(*) from audit_entry where actor = 'planner' and action = "
				+ "'RESTOCK_CREATED' and after->>'sku' = '" + sku + "'"))
			.isEqualTo(1);
		assertThat(planner.get(created.location()).body()).contains("Restock created");
	}

	@Test
	void whenTwoPlannersEditOneRestockThenTheSecondSeesTheConflictWithTheCurrentValues() {
		String sku = this.shop.product("EDIT", 1000, 0);
		this.shop.restock(sku, 10, today().plusDays(10));
		long id = restockId(sku);
		Browser first = planner();
		Browser second = planner();
		assertThat(first.get("/staff/restocks/" + id).body()).contains("name=\"version\" value=\"");
		second.get("/staff/restocks/" + id);
		String seen = version(id);
		Browser.Page saved = first.post("/staff/restocks/" + id, "version", seen, "quantity", "12", "expectedOn",
				today().plusDays(12).toString(), "status", "CONFIRMED");
		assertThat(saved.location()).isEqualTo("/staff/restocks/" + id + "?notice=updated");
		Browser.Page conflict = second.post("/staff/restocks/" + id, "version", seen, "quantity", "30", "expectedOn",
				today().plusDays(20).toString(), "status", "DELAYED");
		assertThat(conflict.status()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(conflict.body()).contains("Someone else changed this restock",
				"It is now: quantity 12, 0 received, expected " + today().plusDays(12) + ", status Confirmed");
		Restock current = this.inventory.find(id).block(TIMEOUT);
		assertThat(current.quantity()).isEqualTo(12);
		assertThat(current.expectedOn()).isEqualTo(today().plusDays(12));
		assertThat(conflict.body()).contains("name=\"version\" value=\"" + current.version() + "\"")
			.containsPattern("name=\"quantity\"[^>]*value=\"30\"");
	}

	@Test
	void whenPlannerReceivesPartOfARestockThenTheyConfirmTheCountAndTheRestStaysOpen() {
		String sku = this.shop.product("RECV", 1000, 0);
		this.shop.restock(sku, 10, today().plusDays(10));
		OrderView order = this.shop.order("RECV-A", sku, 3);
		long id = restockId(sku);
		Browser planner = planner();
		String form = planner.get("/staff/restocks/" + id).body();
		assertThat(form).contains("10 units of 10 still to come.", "id=\"receiveQuantity\"")
			.doesNotContain("name=\"receiveQuantity\" type=\"number\" required value=\"10\"");
		Browser.Page future = planner.post("/staff/restocks/" + id + "/receive", "version", version(id),
				"receiveQuantity", "4", "receivedOn", today().plusDays(1).toString());
		assertThat(future.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(future.body()).contains("cannot be in the future");
		Browser.Page tooMany = planner.post("/staff/restocks/" + id + "/receive", "version", version(id),
				"receiveQuantity", "11", "receivedOn", today().toString());
		assertThat(tooMany.body()).contains("Only 10 units of restock " + id + " are still to come");
		Browser.Page confirm = planner.post("/staff/restocks/" + id + "/receive", "version", version(id),
				"receiveQuantity", "4", "receivedOn", today().toString());
		assertThat(confirm.status()).isEqualTo(HttpStatus.OK);
		assertThat(confirm.body()).contains("Receive 4 units of " + sku + "?", "6 units are still to come",
				"Record the receipt");
		assertThat(this.inventory.find(id).block(TIMEOUT).quantityReceived()).as("not before the confirmation")
			.isZero();
		Browser.Page received = planner.post("/staff/restocks/" + id + "/receive", "version", version(id),
				"receiveQuantity", "4", "receivedOn", today().toString(), "confirmed", "true");
		assertThat(received.location()).isEqualTo("/staff/restocks/" + id + "?notice=received");
		assertThat(this.shop.line(order.number(), sku).allocated()).isEqualTo(3);
		Browser.Page page = planner.get(received.location());
		assertThat(page.body()).contains("Receipt recorded", "Partially received 4 of 10", "Check the receipt");
		assertThat(planner.get("/staff/restocks?sku=" + sku).body()).contains("Partially received 4 of 10");
		assertThat(this.inventory.find(id).block(TIMEOUT).quantityReceived()).isEqualTo(4);
	}

	@Test
	void whenPlannerCorrectsTodaysReceiptThenStockRestockAndOrdersFollowAndItIsAudited() {
		String sku = this.shop.product("CORR", 1000, 0);
		this.shop.restock(sku, 10, today().plusDays(10));
		OrderView first = this.shop.order("CORR-A", sku, 3);
		OrderView second = this.shop.order("CORR-B", sku, 3);
		long id = restockId(sku);
		Browser planner = planner();
		planner.get("/staff/restocks/" + id);
		planner.post("/staff/restocks/" + id + "/receive", "version", version(id), "receiveQuantity", "10",
				"receivedOn", today().toString(), "confirmed", "true");
		assertThat(this.inventory.find(id).block(TIMEOUT).status().name()).isEqualTo("RECEIVED");
		assertThat(this.shop.line(second.number(), sku).allocated()).isEqualTo(3);
		long receipt = this.shop.count("select id from restock_receipt where restock_id = " + id);
		String field = "correct-" + receipt;

		Browser.Page tooMany = planner.post("/staff/restocks/" + id + "/receipts/" + receipt + "/correct", "version",
				version(id), field, "11");
		assertThat(tooMany.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(tooMany.body()).contains("brings 10 units");
		Browser.Page corrected = planner.post("/staff/restocks/" + id + "/receipts/" + receipt + "/correct", "version",
				version(id), field, "4");
		assertThat(corrected.location()).isEqualTo("/staff/restocks/" + id + "?notice=corrected");
		Restock restock = this.inventory.find(id).block(TIMEOUT);
		assertThat(restock.quantityReceived()).isEqualTo(4);
		assertThat(restock.status().name()).as("open again: the missing units are still to come")
			.isEqualTo("IN_TRANSIT");
		assertThat(restock.receivedOn()).isNull();
		assertThat(this.shop.count("select on_hand from stock where sku = '" + sku + "'")).isEqualTo(4);
		assertThat(this.shop.line(first.number(), sku).allocated()).isEqualTo(3);
		assertThat(this.shop.line(second.number(), sku).allocated()).as("the last in the queue lose the units")
			.isEqualTo(1);
		assertThat(this.shop.events(second.number())).contains("LINES_REPLANNED");
		assertThat(this.shop.text("select (before ->> 'receiptUnits') || ' ' || (after ->> 'receiptUnits') "
				+ "from audit_entry where action = 'RESTOCK_RECEIPT_CORRECTED' and subject = 'restock " + id + "'"))
			.isEqualTo("10 4");
		Browser.Page page = planner.get(corrected.location());
		assertThat(page.body()).contains("Receipt corrected", "(corrected; recorded as 10)",
				"Partially received 4 of 10");
		// a receipt of an earlier day is final
		long old = this.shop
			.count("insert into restock_receipt (restock_id, quantity, received_on, recorded_at) values (" + id
					+ ", 1, current_date - 2, now() - interval '2 days') returning id");
		Browser.Page late = planner.post("/staff/restocks/" + id + "/receipts/" + old + "/correct", "version",
				version(id), "correct-" + old, "0");
		assertThat(late.body()).contains("Only receipts recorded today can be corrected");
		assertThat(planner.get("/staff/restocks/" + id).body()).contains("recorded on an earlier day");
	}

	@Test
	void whenPlannerPreviewsAndAppliesAShiftThenTheNumbersMatchAndDatesMove() {
		String sku = this.shop.product("SHIFT", 1000, 0);
		this.shop.restock(sku, 10, today().plusDays(10));
		this.shop.order("SHIFT-A", sku, 2);
		this.shop.order("SHIFT-B", sku, 2);
		long id = restockId(sku);
		Browser planner = planner();
		planner.get("/staff/restocks?sku=" + sku);
		Browser.Page none = planner.post("/staff/restocks/shift/preview", "scope", "selected", "days", "0");
		assertThat(none.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(none.body()).contains("Move by at least one day.", "Tick at least one restock");
		Browser.Page preview = planner.post("/staff/restocks/shift/preview", "scope", "selected", "days", "7", "id",
				Long.toString(id));
		assertThat(preview.status()).isEqualTo(HttpStatus.OK);
		assertThat(preview.body()).contains("id=\"preview-restocks\">1<", "id=\"preview-orders\">2<",
				"id=\"preview-customers\">1<", "id=\"preview-emails\">2<", "Apply the move");
		assertThat(this.inventory.find(id).block(TIMEOUT).expectedOn()).isEqualTo(today().plusDays(10));
		Browser.Page applied = planner.post("/staff/restocks/shift", "scope", "selected", "days", "7", "id",
				Long.toString(id), "seen", seen(preview.body()));
		assertThat(applied.location()).isEqualTo("/staff/restocks?notice=shifted&restocks=1&orders=2");
		assertThat(this.inventory.find(id).block(TIMEOUT).expectedOn()).isEqualTo(today().plusDays(17));
		assertThat(planner.get(applied.location() + "&sku=" + sku).body())
			.contains("Moved 1 restock; 2 orders were updated.");
		assertThat(this.shop.count("select count(*) from audit_entry where action = 'RESTOCKS_SHIFTED' and "
				+ "after->'restocks'->0->>'id' = '" + id + "'"))
			.isEqualTo(1);
	}

	@Test
	void whenAPreviewedShiftIsAppliedTwiceThenTheDatesMoveOnceAndTheSecondIsShownTheMoveAsItIsNow() {
		String sku = this.shop.product("SHIFT2", 1000, 0);
		this.shop.restock(sku, 10, today().plusDays(10));
		this.shop.order("SHIFT2-A", sku, 2);
		long id = restockId(sku);
		Browser planner = planner();
		planner.get("/staff/restocks?sku=" + sku);
		Browser.Page preview = planner.post("/staff/restocks/shift/preview", "scope", "selected", "days", "7", "id",
				Long.toString(id));
		String seen = seen(preview.body());
		assertThat(seen).isEqualTo(id + ":" + version(id));
		Browser.Page first = planner.post("/staff/restocks/shift", "scope", "selected", "days", "7", "id",
				Long.toString(id), "seen", seen);
		assertThat(first.location()).isEqualTo("/staff/restocks?notice=shifted&restocks=1&orders=1");
		// a double click, the back button, or a second planner sending the same preview
		Browser.Page again = planner.post("/staff/restocks/shift", "scope", "selected", "days", "7", "id",
				Long.toString(id), "seen", seen);
		assertThat(again.status()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.body()).contains("id=\"shift-stale\"", "Nothing was moved",
				"<td>" + today().plusDays(17) + "</td>", "<td>" + today().plusDays(24) + "</td>");
		assertThat(this.inventory.find(id).block(TIMEOUT).expectedOn()).isEqualTo(today().plusDays(17));
		Browser.Page forged = planner.post("/staff/restocks/shift", "scope", "selected", "days", "7", "id",
				Long.toString(id), "seen", "not-a-restock");
		assertThat(forged.status()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(this.inventory.find(id).block(TIMEOUT).expectedOn()).isEqualTo(today().plusDays(17));
		assertThat(this.shop.count("select count(*) from audit_entry where action = 'RESTOCKS_SHIFTED' and "
				+ "after->'restocks'->0->>'id' = '" + id + "'"))
			.isEqualTo(1);
	}

	@Test
	void whenAnImportHasOneBadRowThenNothingIsImportedAndAGoodOneIsPreviewedAndAppliedOnConfirm() {
		String sku = this.shop.product("CSV", 1000, 0);
		String supplier = this.shop.unique("CsvSupplier");
		this.shop.restock(sku, 10, today().plusDays(10));
		long existing = restockId(sku);
		Browser planner = planner();
		String csrf = csrf(planner.get("/staff/restocks/import").body());
		String bad = "sku,supplier,quantity,expected_on\n" + sku + "," + supplier + ",5," + today().plusDays(5) + "\n"
				+ sku + "," + supplier + ",five," + today().plusDays(6) + "\n";
		WebTestClient.ResponseSpec rejected = upload(planner, csrf, bad);
		rejected.expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		String report = rejected.expectBody(String.class).returnResult().getResponseBody();
		assertThat(report).contains("Nothing was imported: 1 problem in a file of 2 rows.", "quantity",
				"&#39;five&#39; is not a whole number");
		assertThat(this.shop.count("select count(*) from restock where sku = '" + sku + "'")).isEqualTo(1);

		String existingSupplier = this.shop
			.text("select s.name from restock r join supplier s on s.id = r.supplier_id" + " where r.id = " + existing);
		String good = "quantity,sku,expected_on,supplier,restock_id\n5," + sku + "," + today().plusDays(5) + ","
				+ supplier + ",\n6," + sku + "," + today().plusDays(6) + "," + supplier + ",\n12," + sku + ","
				+ today().plusDays(10) + "," + existingSupplier + "," + existing + "\n";
		WebTestClient.ResponseSpec previewed = upload(planner, csrf, good);
		previewed.expectStatus().isOk();
		String preview = previewed.expectBody(String.class).returnResult().getResponseBody();
		assertThat(preview).contains("What this import will do",
				"It creates 2 restocks and changes 1 open restock; no row is left as it is.", "10 \u2192 12",
				"Apply the import");
		assertThat(this.shop.count("select count(*) from restock where sku = '" + sku + "'")).as("only a preview")
			.isEqualTo(1);
		String token = preview.replaceAll("(?s).*name=\"token\" value=\"([0-9a-f]+)\".*", "$1");
		String plan = preview.replaceAll("(?s).*name=\"plan\" value=\"([0-9a-f]+)\".*", "$1");

		// someone changes the restock in between: the preview is shown again with it
		planner.get("/staff/restocks/" + existing);
		planner.post("/staff/restocks/" + existing, "version", version(existing), "quantity", "11", "expectedOn",
				today().plusDays(10).toString(), "status", "PLANNED", "confirmed", "true");
		planner.get("/staff/restocks/import");
		Browser.Page again = planner.post("/staff/restocks/import/apply", "token", token, "plan", plan);
		assertThat(again.status()).isEqualTo(HttpStatus.OK);
		assertThat(again.body()).contains("Restocks changed since the preview", "11 \u2192 12");
		assertThat(this.shop.count("select count(*) from restock where sku = '" + sku + "'")).isEqualTo(1);

		String newPlan = again.body().replaceAll("(?s).*name=\"plan\" value=\"([0-9a-f]+)\".*", "$1");
		Browser.Page applied = planner.post("/staff/restocks/import/apply", "token", token, "plan", newPlan);
		assertThat(applied.location()).isEqualTo("/staff/restocks?notice=imported&restocks=2&changed=1");
		assertThat(planner.get(applied.location()).body()).contains("Import applied: 2 restocks created, 1 changed");
		assertThat(this.shop.count("select count(*) from restock where sku = '" + sku + "'")).isEqualTo(3);
		assertThat(this.inventory.find(existing).block(TIMEOUT).quantity()).isEqualTo(12);
		assertThat(this.shop.count("select count(*) from audit_entry where action = 'RESTOCKS_IMPORTED' and "
				+ "after->'created'->0->>'sku' = '" + sku + "'"))
			.isEqualTo(1);
		assertThat(planner.post("/staff/restocks/import/apply", "token", token, "plan", newPlan).body())
			.as("applied once only")
			.contains("no longer waiting to be applied");
	}

	@Test
	void whenPlannerDownloadsTheTemplateThenItNamesEveryColumn() {
		Browser planner = planner();
		Browser.Page template = planner.get("/staff/restocks/import/template");
		assertThat(template.status()).isEqualTo(HttpStatus.OK);
		assertThat(template.headers().getFirst("Content-Disposition")).contains("restocks-template.csv");
		assertThat(template.body()).startsWith("sku,supplier,quantity,expected_on,restock_id\r\nDESK-1,");
	}

	@Test
	void whenANewRestockIsOutOfBoundsThenEachFieldSaysWhyAndNothingIsStored() {
		String sku = this.shop.product("BOUNDS", 1000, 0);
		Browser planner = planner();
		planner.get("/staff/restocks/new");
		Browser.Page far = planner.post("/staff/restocks", "sku", sku, "supplier", "Ac\u0000me", "quantity", "10000001",
				"expectedOn", "9999-12-30");
		assertThat(far.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(far.body()).contains("no control characters", "Enter a whole number from 1 to 10,000,000.",
				"The date can be at most 5 years ahead, until " + today().plusYears(5));
		Browser.Page past = planner.post("/staff/restocks", "sku", sku, "supplier", "Acme", "quantity", "5",
				"expectedOn", today().minusDays(1).toString());
		assertThat(past.body()).contains("The date cannot be before today.");
		assertThat(this.shop.count("select count(*) from restock where sku = '" + sku + "'")).isZero();
	}

	@Test
	void whenAnEditOrReceiptIsOutOfBoundsThenTheServiceSaysWhyBesideTheFieldAndNothingChanges() {
		String sku = this.shop.product("EDITBOUNDS", 1000, 0);
		this.shop.restock(sku, 10, today().plusDays(10));
		long id = restockId(sku);
		Browser planner = planner();
		planner.get("/staff/restocks/" + id);
		for (String date : new String[] { "9999-12-30", today().minusDays(2).toString() }) {
			Browser.Page refused = planner.post("/staff/restocks/" + id, "version", version(id), "quantity", "10",
					"expectedOn", date, "status", "PLANNED");
			assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
			assertThat(refused.body()).containsPattern("(at most 5 years ahead|cannot be before today)");
		}
		Browser.Page ancient = planner.post("/staff/restocks/" + id + "/receive", "version", version(id),
				"receiveQuantity", "2", "receivedOn", today().minusYears(20).toString(), "confirmed", "true");
		assertThat(ancient.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(ancient.body()).contains("at most 10 years ago");
		Browser.Page shifted = planner.post("/staff/restocks/shift/preview", "scope", "selected", "days", "3650", "id",
				Long.toString(id));
		assertThat(shifted.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(shifted.body()).contains("That would move a restock beyond " + today().plusYears(5));
		Restock restock = this.inventory.find(id).block(TIMEOUT);
		assertThat(restock.expectedOn()).isEqualTo(today().plusDays(10));
		assertThat(restock.quantityReceived()).isZero();
	}

	@Test
	void whenARepOpensTheRestocksPagesThenAccessIsDenied() {
		Browser rep = browser();
		rep.logIn("rep", "rep");
		assertThat(rep.get("/staff/restocks").status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(rep.post("/staff/restocks/shift", "scope", "selected", "days", "5", "id", "1").status())
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	private WebTestClient.ResponseSpec upload(Browser browser, String csrf, String csv) {
		MultipartBodyBuilder body = new MultipartBodyBuilder();
		body.part("_csrf", csrf);
		body.part("file", csv.getBytes()).filename("restocks.csv").contentType(MediaType.parseMediaType("text/csv"));
		return this.http.post()
			.uri("/staff/restocks/import")
			.cookies((jar) -> browser.cookies().forEach(jar::add))
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(body.build()))
			.exchange();
	}

	/** The restock and version the preview's apply form carries. */
	private static String seen(String body) {
		Matcher matcher = Pattern.compile("name=\"seen\" value=\"([^\"]+)\"").matcher(body);
		assertThat(matcher.find()).as("the previewed restock on the apply form").isTrue();
		return matcher.group(1);
	}

	private static String csrf(String body) {
		Matcher matcher = CSRF.matcher(body);
		assertThat(matcher.find()).as("CSRF token on the page").isTrue();
		return matcher.group(1);
	}

	/** The restocks a list page shows, by id, top to bottom. */
	private static List<Long> ids(String body) {
		List<Long> ids = new ArrayList<>();
		Matcher matcher = Pattern.compile("<tr id=\"restock-([0-9]+)\"").matcher(body);
		while (matcher.find()) {
			ids.add(Long.valueOf(matcher.group(1)));
		}
		return ids;
	}

	private long restockId(String sku) {
		return this.shop.count("select max(id) from restock where sku = '" + sku + "'");
	}

	private String version(long id) {
		return Long.toString(this.inventory.find(id).block(TIMEOUT).version());
	}

	private Browser planner() {
		Browser browser = browser();
		assertThat(browser.logIn("planner", "planner").location()).endsWith("/staff");
		return browser;
	}

	private Browser browser() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new Browser(this.http,
				"10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
