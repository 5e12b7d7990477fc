package com.backorderdesk.notification;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.orders.SupplyImpact;

/**
 * The e-mails a change will send, composed by the same composer that sends them, on the
 * state the change leaves (rehearsed in a transaction that is rolled back).
 *
 * @param impact the lines, orders and customers the change moves
 * @param emails how many e-mails will be sent
 * @param byContent how many of them tell each kind of news (an e-mail can tell several)
 * @param orders every order the change moves, with its customer, its moved lines and what
 * its e-mail will tell, by order id
 * @param sampleSubject the subject of one e-mail that will be sent, if any
 * @param sampleHtml that e-mail as its recipient will see it, if any
 */
public record MailForecast(SupplyImpact impact, int emails, Map<MailContent, Integer> byContent,
		List<ForecastOrder> orders, @Nullable String sampleSubject, @Nullable String sampleHtml) {

	public MailForecast {
		byContent = Map.copyOf(byContent);
		orders = List.copyOf(orders);
	}

	/**
	 * How many e-mails tell one kind of news.
	 * @param content the kind
	 * @return the count, 0 when none
	 */
	public int count(MailContent content) {
		return this.byContent.getOrDefault(content, 0);
	}

	/**
	 * Whether the change makes any customer's promise worse: a window later, a date lost,
	 * units that were ready no longer ready.
	 * @return whether anyone is worse off
	 */
	public boolean anyLater() {
		return this.impact.anyLater();
	}

	/**
	 * One order the change moves.
	 *
	 * @param orderNumber its number
	 * @param customerName its customer
	 * @param lines its moved lines
	 * @param contents what its e-mail will tell, most important first; empty when it gets
	 * none
	 * @param skipped why it gets none, when it gets none
	 */
	public record ForecastOrder(String orderNumber, String customerName, List<SupplyImpact.MovedLine> lines,
			List<MailContent> contents, @Nullable String skipped) {

		public ForecastOrder {
			lines = List.copyOf(lines);
			contents = List.copyOf(contents);
		}

	}

}
