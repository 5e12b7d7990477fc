package com.backorderdesk.api;

/**
 * The examples of the API's description, one place for each shape; a test checks each
 * against the schema it illustrates.
 */
final class ApiExamples {

	static final String PRODUCT = """
			{"sku": "LAMP-1", "name": "Arc Lamp", "category": "Lighting", "attributes": {"colour": "brass"},
			 "priceCents": 12900, "currency": "EUR", "backorders": "LIMITED", "backorderLimit": 20,
			 "updatedAt": "2026-01-05T09:30:00Z"}""";

	static final String PRODUCT_BODY = """
			{"name": "Arc Lamp", "category": "Lighting", "attributes": {"colour": "brass"}, "priceCents": 12900,
			 "currency": "EUR", "backorders": "LIMITED", "backorderLimit": 20}""";

	static final String PRODUCTS = """
			{"items": [""" + PRODUCT + """
			], "nextCursor": "djE6TEFNUC0x"}""";

	static final String STOCK = """
			{"sku": "LAMP-1", "onHand": 12, "held": 9, "free": 3, "inbound": 40, "updatedAt": "2026-01-05T09:30:00Z"}""";

	static final String STOCK_BODY = """
			{"onHand": 12}""";

	static final String STOCK_SET = """
			{"sku": "LAMP-1", "onHand": 12, "ordersAffected": 3}""";

	static final String STOCKS = """
			{"items": [""" + STOCK + """
			], "nextCursor": null}""";

	static final String RESTOCK = """
			{"id": 42, "sku": "LAMP-1", "supplier": "Brightworks", "quantity": 40, "quantityReceived": 0,
			 "promisedOn": "2026-01-20", "expectedOn": "2026-01-22", "receivedOn": null, "status": "CONFIRMED",
			 "version": 3, "updatedAt": "2026-01-05T09:30:00Z"}""";

	static final String RESTOCKS = """
			{"items": [""" + RESTOCK + """
			], "nextCursor": "djE6NDI"}""";

	static final String NEW_RESTOCK = """
			{"sku": "LAMP-1", "supplier": "Brightworks", "quantity": 40, "expectedOn": "2026-01-20"}""";

	static final String RESTOCK_PATCH = """
			{"expectedOn": "2026-01-22", "version": 2}""";

	static final String ORDER = """
			{"number": "BO-1001", "placedAt": "2026-01-05T09:30:00Z",
			 "customer": {"email": "ada@example.com", "name": "Ada Lovelace"}, "shipPreference": "SHIP_WHEN_READY",
			 "priority": "NORMAL", "updatedAt": "2026-01-05T09:30:00Z",
			 "lines": [
			  {"sku": "LAMP-1", "quantity": 3, "unitPriceCents": 11900, "currency": "EUR", "allocated": 1,
			   "scheduled": 2, "unscheduled": 0, "shipped": 0, "cancelled": 0, "notOrderable": 0,
			   "status": "PARTIALLY_ALLOCATED",
			   "statusText": "1 ready now, 2 arrive Jan 25 – Jan 28",
			   "eta": {"earliest": "2026-01-25", "latest": "2026-01-28"}},
			  {"sku": "SHADE-2", "quantity": 1, "unitPriceCents": 2900, "currency": "EUR", "allocated": 0,
			   "scheduled": 0, "unscheduled": 1, "shipped": 0, "cancelled": 0, "notOrderable": 0,
			   "status": "OUT_OF_STOCK", "statusText": "No restock date yet",
			   "eta": null}]}""";

	static final String ORDERS = """
			{"items": [""" + ORDER + """
			], "nextCursor": "djE6MTAwMQ"}""";

	/**
	 * The storefront's price paid on the first line; the second takes the product's price
	 * now.
	 */
	static final String ORDER_BODY = """
			{"number": "BO-1001", "customer": {"email": "ada@example.com", "name": "Ada Lovelace"},
			 "lines": [{"sku": "LAMP-1", "quantity": 3, "unitPriceCents": 11900}, {"sku": "SHADE-2", "quantity": 1}],
			 "priority": "NORMAL", "shipPreference": "SHIP_WHEN_READY"}""";

	static final String SHIPMENT_BODY = """
			{"shipmentId": "SHIP-77", "lines": [{"sku": "LAMP-1", "quantity": 1}], "carrier": "DHL",
			 "trackingNumber": "JD014600006281230704",
			 "trackingUrl": "https://www.dhl.com/track?id=JD014600006281230704"}""";

	static final String SHIPMENT_SPLIT_BODY = """
			{"shipmentId": "SHIP-78", "lines": [{"sku": "LAMP-1", "quantity": 1}], "carrier": "DHL",
			 "trackingNumber": "JD014600006281230705", "overrideShipPreference": true}""";

	static final String SPLIT_REFUSED = """
			{"type": "about:blank", "title": "The customer chose to ship everything together", "status": 409,
			 "detail": "The customer chose to ship order BO-1001 complete (shipPreference SHIP_COMPLETE), and this shipment would leave 3 units behind. Ship everything still open, or send \\\"overrideShipPreference\\\": true to split it anyway.",
			 "instance": "/api/v1/orders/BO-1001/shipments", "shipPreference": "SHIP_COMPLETE", "unitsLeft": 3,
			 "errors": [{"field": "overrideShipPreference",
			  "message": "must be true to split an order whose shipPreference is SHIP_COMPLETE"}]}""";

	static final String DIFFERENT_ORDER = """
			{"type": "about:blank", "title": "Order number already used", "status": 409,
			 "detail": "Order BO-1001 exists with other values in lines[0].quantity",
			 "instance": "/api/v1/orders", "differences": ["lines[0].quantity"],
			 "errors": [{"field": "lines[0].quantity", "message": "differs from the stored order"}]}""";

	static final String CAP_REACHED = """
			{"type": "about:blank", "title": "Request breaks a rule", "status": 422,
			 "detail": "Only 2 of 5 units of 'LAMP-1' can be ordered now: the product's backorder cap is reached",
			 "instance": "/api/v1/orders",
			 "errors": [{"field": "lines[0].quantity",
			  "message": "Only 2 of 5 units of 'LAMP-1' can be ordered now: the product's backorder cap is reached"}]}""";

	private ApiExamples() {
	}

	static final String WEBHOOK_ENDPOINT = """
			{"id": 7, "url": "https://erp.example.com/hooks/backorder",
			 "eventTypes": ["order.line.cancelled", "refund.due"], "active": true, "description": "ERP",
			 "createdAt": "2026-01-05T10:15:30Z", "version": 0}""";

	static final String WEBHOOK_ENDPOINTS = "[" + WEBHOOK_ENDPOINT + "]";

	static final String WEBHOOK_CREATED = """
			{"id": 7, "url": "https://erp.example.com/hooks/backorder",
			 "eventTypes": ["order.line.cancelled", "refund.due"], "active": true, "description": "ERP",
			 "createdAt": "2026-01-05T10:15:30Z", "version": 0,
			 "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""";

	static final String WEBHOOK_BODY = """
			{"url": "https://erp.example.com/hooks/backorder", "eventTypes": ["order.line.cancelled", "refund.due"],
			 "description": "ERP"}""";

	static final String WEBHOOK_SWITCH = """
			{"active": false, "version": 0}""";

	static final String WEBHOOK_TEST = """
			{"deliveryId": 12}""";

}
