package com.backorderdesk.customer;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Stores "tell me when it's back" requests; sending the e-mail is the notification
 * module's job once stock returns.
 */
@Component
class BackInStockRequests {

	private final DatabaseClient db;

	BackInStockRequests(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Records a request, once per product and address whatever the address's case.
	 * @param sku the product
	 * @param email the address to tell
	 * @return completion
	 */
	Mono<Void> request(String sku, String email) {
		return this.db.sql("""
				insert into back_in_stock_request (sku, email) values (:sku, :email)
				on conflict (sku, lower(email)) do nothing
				""").bind("sku", sku).bind("email", email).then();
	}

}
