package com.backorderdesk.orders;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How orders are placed.
 *
 * @param beyondCap what happens to the units of a new order beyond its product's
 * backorder cap: {@code REFUSE} refuses the order (422 naming the line, nothing stored);
 * {@code NOT_ORDERABLE} places it with those units cancelled at once as not orderable
 */
@ConfigurationProperties("backorder.orders")
public record OrderSettings(@DefaultValue("REFUSE") BeyondCap beyondCap) {

	/**
	 * What happens to units beyond a backorder cap.
	 */
	public enum BeyondCap {

		/** The order is refused. */
		REFUSE,

		/**
		 * The order is placed; those units are cancelled at placement as not orderable.
		 */
		NOT_ORDERABLE

	}

}
