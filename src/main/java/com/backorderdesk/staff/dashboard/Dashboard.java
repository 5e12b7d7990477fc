package com.backorderdesk.staff.dashboard;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.orders.BacklogReport;
import com.backorderdesk.staff.BarChart;

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
record Dashboard(String asOf, BacklogReport.Summary summary, List<String> value, BarChart aging, List<AgeRow> agingRows,
		BarChart shortfallChart, List<Purchase> shortfalls, SlipList slips, BarChart suppliersChart,
		List<SupplierRow> suppliers, List<BacklogReport.Waitlist> waitlists, DashboardSettings settings) {

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
