package com.backorderdesk.staff.orders;

import java.util.List;
import java.util.Map;

import com.backorderdesk.staff.Pager;

/**
 * The order search page.
 *
 * @param q the text searched for
 * @param status the line status filtered on, or empty
 * @param rows the orders on this page
 * @param total how many orders match
 * @param page this page, from 1
 * @param pages how many pages there are
 * @param pager the links to the other pages, as the staff lists' pager shows them
 * @param sortUrls by sort name, the address that sorts by it
 * @param sorted by sort name, its {@code aria-sort} value
 */
record SearchView(String q, String status, List<Row> rows, long total, int page, int pages, Pager pager,
		Map<String, String> sortUrls, Map<String, String> sorted) {

	/**
	 * An order found.
	 *
	 * @param number the order number
	 * @param customerName the customer's name
	 * @param customerEmail the customer's e-mail address
	 * @param placedAt when it was placed
	 * @param lines how many lines
	 * @param units units ordered
	 * @param waiting units waiting
	 * @param undated units without a date
	 * @param etaLatest the latest window end
	 * @param statuses its lines' statuses
	 */
	record Row(String number, String customerName, String customerEmail, String placedAt, int lines, int units,
			int waiting, int undated, String etaLatest, List<Status> statuses) {
	}

	/**
	 * A line status with its badge style.
	 *
	 * @param name the enum name
	 * @param kind the badge style
	 */
	record Status(String name, String kind) {
	}

}
