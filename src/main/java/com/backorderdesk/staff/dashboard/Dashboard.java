package com.backorderdesk.staff.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.orders.BacklogReport;

/**
 * The dashboard as the page shows it: figures already formatted and charts already laid
 * out, so the template only places them.
 *
 * @param asOf when the figures were read, as the page shows it
 * @param summary what waits in total
 * @param value the waiting units' price, per currency ("EUR 1,234.50")
 * @param aging the aging chart: waiting lines by days since the order was placed
 * @param agingRows the aging figures
 * @param shortfallChart the chart of the largest shortfalls
 * @param shortfalls SKUs whose demand no planned supply covers, with a suggested purchase
 * @param slips lines whose delivery window slipped lately
 * @param suppliersChart the chart of suppliers' on-time shares
 * @param suppliers every supplier's delivery record
 * @param waitlists products whose back-in-stock waitlist reached the alert threshold
 * @param settings the rules behind the suggestions, which the page explains
 */
record Dashboard(String asOf, BacklogReport.Summary summary, List<String> value, Chart aging, List<AgeRow> agingRows,
		Chart shortfallChart, List<Purchase> shortfalls, SlipList slips, Chart suppliersChart,
		List<SupplierRow> suppliers, List<BacklogReport.Waitlist> waitlists, DashboardSettings settings) {

	/**
	 * A horizontal bar chart, laid out for an SVG {@code viewBox} {@link #WIDTH} wide.
	 *
	 * @param bars the bars, top to bottom
	 * @param height the chart's height
	 */
	record Chart(List<Bar> bars, int height) {

		static final int WIDTH = 480;

		/** Where bars start: the labels take the space to their left. */
		static final int BAR_X = 150;

		/** The longest bar, leaving room for its value to the right. */
		static final int BAR_MAX = 250;

		static final int ROW = 26;

		/**
		 * Lays out bars proportional to their values, the largest one full length.
		 * @param labels the bars' labels
		 * @param values the bars' values
		 * @param texts what each bar's value reads
		 * @param scale the value of a full-length bar, or 0 for the largest value
		 * @return the chart
		 */
		static Chart of(List<String> labels, List<Double> values, List<String> texts, double scale) {
			double max = (scale > 0) ? scale : values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
			List<Bar> bars = new ArrayList<>();
			for (int i = 0; i < labels.size(); i++) {
				double width = (max > 0) ? Math.round(values.get(i) / max * BAR_MAX * 10) / 10.0 : 0;
				bars.add(new Bar(labels.get(i), texts.get(i), width, i * ROW + 4));
			}
			return new Chart(bars, Math.max(ROW, labels.size() * ROW + 4));
		}

	}

	/**
	 * One bar.
	 *
	 * @param label what the bar stands for
	 * @param text its value, as written next to it
	 * @param width its length
	 * @param y its top
	 */
	record Bar(String label, String text, double width, int y) {

		public int textY() {
			return this.y + 15;
		}

		public double valueX() {
			return Chart.BAR_X + this.width + 6;
		}

	}

	/**
	 * One aging bucket.
	 *
	 * @param label the days it covers ("8–14 days")
	 * @param lines waiting lines
	 * @param units waiting units
	 */
	record AgeRow(String label, long lines, long units) {
	}

	/**
	 * A SKU short of supply and what to buy.
	 *
	 * @param shortfall the figures
	 * @param expectedDemand units expected to be ordered over the lead time
	 * @param suggested the suggested purchase: the shortfall, the waitlist and the
	 * expected demand, at least the supplier's minimum order
	 * @param leadTimeDays the lead time used, in days
	 * @param measuredLeadTime whether the lead time is the supplier's own, from its
	 * receipts
	 * @param supplier the supplier of the SKU's latest restock, or empty
	 * @param minimumOrder the supplier's minimum order quantity, or {@code null}
	 */
	record Purchase(BacklogReport.Shortfall shortfall, long expectedDemand, long suggested, int leadTimeDays,
			boolean measuredLeadTime, String supplier, @Nullable Integer minimumOrder) {
	}

	/**
	 * Slipped delivery windows.
	 *
	 * @param count how many lines slipped
	 * @param latest the most recent, as the page shows them
	 */
	record SlipList(long count, List<SlipRow> latest) {
	}

	/**
	 * One slipped line.
	 *
	 * @param orderNumber the order
	 * @param sku the SKU
	 * @param productName the product
	 * @param before the window before
	 * @param after the window now, or the words for no date
	 * @param changedAt when it changed
	 * @param changedAtIso the same, for a {@code datetime} attribute
	 */
	record SlipRow(String orderNumber, String sku, String productName, String before, String after, String changedAt,
			String changedAtIso) {
	}

	/**
	 * One supplier's record.
	 *
	 * @param supplier the name
	 * @param received restocks received
	 * @param onTime received by the promised date
	 * @param onTimePercent the on-time share, in whole percent
	 * @param averageDaysLate average days late, one decimal
	 */
	record SupplierRow(String supplier, long received, long onTime, long onTimePercent, String averageDaysLate) {
	}

}
