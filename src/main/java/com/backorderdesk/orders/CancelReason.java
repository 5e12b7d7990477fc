package com.backorderdesk.orders;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Why waiting units were cancelled.
 */
public enum CancelReason {

	/** The customer asked, on their order page. */
	CUSTOMER_REQUEST,

	/** Customer service cancelled them for the customer. */
	STAFF_REQUEST,

	/** The customer accepted a substitute instead. */
	SUBSTITUTE_ACCEPTED,

	/**
	 * The item was delayed and the customer did not answer "wait" in time, as the FTC
	 * Mail, Internet, or Telephone Order Merchandise Rule requires for that delay.
	 */
	DELAY_NO_CONSENT,

	/** A reason this version does not know. */
	@JsonEnumDefaultValue
	OTHER

}
