package com.backorderdesk.customer;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A choice about to be made, shown before it is: what it does to which items, and the
 * button that makes it. The same view is a page of its own (without JavaScript) and a
 * panel opened inline on the order page.
 *
 * @param kind {@code cancel}, {@code accept} or {@code decline}
 * @param heading the question, "Cancel Task Chair?"
 * @param explanation what will happen, a sentence each
 * @param refund what is refunded, once the integration work words refunds; {@code null}
 * until then
 * @param action where the confirming form posts
 * @param submit the confirming button's words
 * @param back where "keep it as it is" leads: the order page at the item
 * @param units for a cancel, the units that wait (the customer picks 1 to these);
 * otherwise 0
 * @param itemId the element id of the item the choice is about, {@code line-7} or
 * {@code offer-12}
 */
record ConfirmView(String kind, String heading, List<String> explanation, @Nullable String refund, String action,
		String submit, String back, int units, String itemId) {

	/**
	 * The unit counts a cancel can pick, most first: the default is all that wait.
	 * @return {@code units} down to 1
	 */
	public List<Integer> unitChoices() {
		return java.util.stream.IntStream.iterate(this.units, (n) -> n >= 1, (n) -> n - 1).boxed().toList();
	}

}
