package com.backorderdesk.promise;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.orders.EtaSettings;
import com.backorderdesk.security.StaffPrincipal;
import com.backorderdesk.staff.BarChart;
import com.backorderdesk.staff.StaffModelAdvice;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /staff/promises}, for planners and admins: how often first promised windows
 * held, by supplier, category and month, as SVG charts with the same figures in tables,
 * and the worst suppliers and SKUs linked to their restocks. Only real orders: the
 * simulation's figures live in the README.
 */
@Controller
class PromisesPage {

	private static final int WORST = 5;

	private final PromiseReport report;

	private final EtaSettings eta;

	private final Clock clock;

	PromisesPage(PromiseReport report, EtaSettings eta, Clock clock) {
		this.report = report;
		this.eta = eta;
		this.clock = clock;
	}

	/**
	 * Who is looking, for the staff layout's navigation (the staff pages' advice covers
	 * only their package).
	 */
	@ModelAttribute("staff")
	Mono<StaffPrincipal> staff() {
		return StaffModelAdvice.currentStaff();
	}

	@GetMapping("/staff/promises")
	Mono<String> promises(Model model) {
		LocalDate today = LocalDate.now(this.clock);
		return Mono
			.zip(this.report.bySupplier(today), this.report.byCategory(today), this.report.byMonth(today),
					this.report.worstSkus(today, WORST * 2))
			.map((found) -> {
				List<Row> suppliers = rows(found.getT1(), "supplier");
				List<Row> categories = rows(found.getT2(), null);
				List<Row> months = rows(found.getT3(), null);
				long promises = found.getT3().stream().mapToLong(PromiseReport.Figures::promises).sum();
				long kept = found.getT3().stream().mapToLong(PromiseReport.Figures::kept).sum();
				model.addAttribute("promises",
						new View(promises, kept, percent((promises > 0) ? (double) kept / promises : 0), suppliers,
								chart(suppliers), categories, chart(categories), months, chart(months),
								suppliers.stream().filter((row) -> row.kept() < row.promises()).limit(WORST).toList(),
								rows(found.getT4(), "sku"), this.eta.onTimeTarget() * 100));
				return "promise/promises";
			});
	}

	private static List<Row> rows(List<PromiseReport.Figures> figures, @Nullable String link) {
		return figures.stream()
			.map((row) -> new Row(row.label().isEmpty() ? "—" : row.label(), row.promises(), row.kept(),
					percent(row.keptShare()), String.format(Locale.ENGLISH, "%.1f", row.meanSlipDays()),
					row.keptShare() * 100,
					(link != null && !row.label().isEmpty()) ? restocks(link, row.label()) : null))
			.toList();
	}

	private static String restocks(String filter, String value) {
		return UriComponentsBuilder.fromPath("/staff/restocks")
			.queryParam(filter, value)
			.queryParam("status", "ALL")
			.encode()
			.build()
			.toUriString();
	}

	private static BarChart chart(List<Row> rows) {
		return BarChart.of(rows.stream().map(Row::label).toList(), rows.stream().map(Row::share).toList(),
				rows.stream().map((row) -> row.percent() + " kept, " + row.meanSlip() + " d late").toList(), 100);
	}

	private static String percent(double share) {
		return Math.round(share * 100) + "%";
	}

	/**
	 * The page's figures.
	 *
	 * @param total settled first promises
	 * @param kept of those, kept
	 * @param keptPercent the share kept, in whole percent
	 * @param suppliers by supplier, worst first
	 * @param supplierChart their chart
	 * @param categories by category, worst first
	 * @param categoryChart their chart
	 * @param months by month, oldest first
	 * @param monthChart their chart
	 * @param worstSuppliers the suppliers with late promises, worst first
	 * @param worstSkus the SKUs with late promises, worst first
	 * @param targetPercent the on-time target windows are calibrated to, in percent
	 */
	record View(long total, long kept, String keptPercent, List<Row> suppliers, BarChart supplierChart,
			List<Row> categories, BarChart categoryChart, List<Row> months, BarChart monthChart,
			List<Row> worstSuppliers, List<Row> worstSkus, double targetPercent) {
	}

	/**
	 * One group's figures as the page shows them.
	 *
	 * @param label the supplier, category, month or SKU
	 * @param promises settled first promises
	 * @param kept of those, kept
	 * @param percent the share kept ("93%")
	 * @param meanSlip mean days late, one decimal
	 * @param share the share kept, 0 to 100, for sorting and the chart
	 * @param restocks a link to the group's restocks, or {@code null}
	 */
	record Row(String label, long promises, long kept, String percent, String meanSlip, double share,
			@Nullable String restocks) {
	}

}
