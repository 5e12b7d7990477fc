package com.backorderdesk.notification;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What one e-mail says, in the customer's words; the HTML and the text template both
 * render it.
 *
 * @param subject the subject line
 * @param greeting "Hello Ada,"
 * @param intro paragraphs before the table
 * @param rows the per-item table: what changed and what it means
 * @param actions links to act on, each opening the order page where a button confirms
 * @param outro paragraphs after the table
 * @param orderLink the signed link to the order, if the e-mail is about one
 * @param unsubscribeLink the page that stops these e-mails, if any
 * @param locale the language it is written in
 */
record MailView(String subject, String greeting, List<String> intro, List<Row> rows, List<Action> actions,
		List<String> outro, @Nullable String orderLink, @Nullable String unsubscribeLink, Locale locale) {

	/**
	 * One item of the table.
	 *
	 * @param item the product and quantity
	 * @param change what changed
	 * @param meaning what it means for the customer
	 */
	record Row(String item, String change, String meaning) {
	}

	/**
	 * A link to act on.
	 *
	 * @param label what it does
	 * @param href where it goes
	 */
	record Action(String label, String href) {
	}

}
