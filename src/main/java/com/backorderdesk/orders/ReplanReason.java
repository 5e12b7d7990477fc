package com.backorderdesk.orders;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * What made lines of a SKU change when it was planned again.
 */
public enum ReplanReason {

	/** The units on hand were counted or corrected. */
	STOCK_UPDATED,

	/** A new inbound restock was planned. */
	RESTOCK_CREATED,

	/** A restock's date, quantity or status changed. */
	RESTOCK_UPDATED,

	/** Restock dates were moved in bulk. */
	RESTOCKS_SHIFTED,

	/** Units of a restock arrived. */
	RESTOCK_RECEIVED,

	/** A receipt was counted again: fewer or more units arrived than were recorded. */
	RECEIPT_CORRECTED,

	/** A supplier's record of late deliveries changed, and with it its windows. */
	SUPPLIER_HISTORY,

	/** Days passed and an overdue restock's window moved with them. */
	TIME_PASSED,

	/** Another order took or released units. */
	ORDER_PLACED,

	/** Waiting units of another line were cancelled. */
	ITEM_CANCELLED,

	/** A line was added to an order (an accepted substitute). */
	ITEM_ADDED,

	/** Units shipped. */
	ITEMS_SHIPPED,

	/** Customer service moved an order to the front of the item's queue. */
	QUEUE_CHANGED,

	/** A reason this version does not know. */
	@JsonEnumDefaultValue
	OTHER

}
