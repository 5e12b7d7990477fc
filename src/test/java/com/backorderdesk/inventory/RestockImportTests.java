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

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
