package com.backorderdesk.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestShop;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reading and checking restock CSV files: every bad row is named with its reason, and a
 * file with any bad row yields nothing to apply.
 */
@SpringBootTest
class RestockImportTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private ApplicationContext context;

	@Autowired
	private RestockImport restockImport;

	@Autowired
	private Clock clock;

	private TestShop shop;

	@BeforeEach
	void shop() {
		this.shop = new TestShop(this.context);
	}

	@Test
	void whenEveryRowIsValidThenTheReportHoldsTheRestocksInFileOrder() {
		String sku = this.shop.product("IMP", 1000, 0);
		String csv = "SKU,Supplier,Quantity,Expected_On\r\n" + sku + ",\"Acme, Inc.\",5," + today() + "\r\n\r\n" + sku
				+ ",\"The \"\"Best\"\" Co\",7," + today().plusDays(3) + "\r\n";
		ImportReport report = this.restockImport.read(csv).block(TIMEOUT);
		assertThat(report.valid()).isTrue();
		assertThat(report.rows()).isEqualTo(2);
		assertThat(report.restocks()).containsExactly(new NewRestock(sku, "Acme, Inc.", 5, today()),
				new NewRestock(sku, "The \"Best\" Co", 7, today().plusDays(3)));
	}

	@Test
	void whenRowsAreBadThenEachIsNamedWithItsReasonAndNothingIsToBeApplied() {
		String sku = this.shop.product("IMPBAD", 1000, 0);
		String csv = String.join("\n", "sku,supplier,quantity,expected_on", sku + ",Acme,5," + today(),
				"NOPE-" + sku + ",Acme,5," + today(), sku + ",Acme,-2," + today(), sku + ",Acme,5,31/01/2030",
				sku + ",Acme,5," + today().minusDays(1), sku + ",Acme,5", sku + ",,5," + today());
		ImportReport report = this.restockImport.read(csv).block(TIMEOUT);
		assertThat(report.valid()).isFalse();
		assertThat(report.restocks()).isEmpty();
		assertThat(report.rows()).isEqualTo(7);
		assertThat(report.problems()).extracting(ImportProblem::row, ImportProblem::column)
			.containsExactly(tuple(3, "sku"), tuple(4, "quantity"), tuple(5, "expected_on"), tuple(6, "expected_on"),
					tuple(7, ""), tuple(8, "supplier"));
		assertThat(report.problems().get(0).message()).isEqualTo("Unknown SKU 'NOPE-" + sku + "'");
		assertThat(report.problems().get(3).message()).isEqualTo("The date cannot be before today.");
	}

	@Test
	void whenTheFileIsEmptyThenTheReportSaysSo() {
		ImportReport report = this.restockImport.read("sku,supplier,quantity,expected_on\n").block(TIMEOUT);
		assertThat(report.valid()).isFalse();
		assertThat(report.problems()).singleElement()
			.satisfies((problem) -> assertThat(problem.message()).startsWith("The file has no restocks"));
	}

	@Test
	void whenARowNamesARestockThenItChangesThatRestockWithinTheRules() {
		String sku = this.shop.product("IMPCHG", 1000, 0);
		this.shop.restock(sku, 10, today().plusDays(10));
		long id = this.shop.count("select max(id) from restock where sku = '" + sku + "'");
		String supplier = this.shop
			.text("select s.name from restock r join supplier s on s.id = r.supplier_id " + "where r.id = " + id);
		ImportReport report = this.restockImport
			.read(String.join("\n", sku + ",\"" + supplier + "\",12," + today().plusDays(20) + "," + id,
					sku + ",Acme,3," + today().plusDays(2)))
			.block(TIMEOUT);
		assertThat(report.valid()).isTrue();
		assertThat(report.restocks()).containsExactly(new NewRestock(sku, "Acme", 3, today().plusDays(2)));
		assertThat(report.changes()).singleElement().satisfies((edit) -> {
			assertThat(edit.before().id()).isEqualTo(id);
			assertThat(edit.quantity()).isEqualTo(12);
			assertThat(edit.expectedOn()).isEqualTo(today().plusDays(20));
		});
		String other = this.shop.product("IMPOTHER", 1000, 0);
		ImportReport refused = this.restockImport.read(String.join("\n", "sku,supplier,quantity,expected_on,restock_id",
				other + ",\"" + supplier + "\",12," + today() + "," + id,
				sku + ",Someone else,12," + today() + "," + id, sku + ",x,12," + today() + ",999999999",
				sku + ",x,12," + today() + ",abc"))
			.block(TIMEOUT);
		assertThat(refused.valid()).isFalse();
		assertThat(refused.changes()).isEmpty();
		assertThat(refused.problems()).extracting(ImportProblem::row, ImportProblem::column)
			.containsExactly(tuple(2, "sku"), tuple(3, "restock_id"), tuple(4, "restock_id"), tuple(5, "restock_id"));
		assertThat(refused.problems().get(1).message()).isEqualTo("Restock " + id + " is already changed by row 2");
		ImportReport unchanged = this.restockImport
			.read(sku + ",\"" + supplier + "\",10," + today().plusDays(10) + "," + id)
			.block(TIMEOUT);
		assertThat(unchanged.unchanged()).isEqualTo(1);
		assertThat(unchanged.changes()).isEmpty();
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
