package com.backorderdesk.notification;

import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * "Tell me when it's back" requests: stored here, ended and answered by
 * {@link BackInStockNotices} once a new order for the product would be in stock.
 */
@Component
public class BackInStockRequests {

	private final DatabaseClient db;

	BackInStockRequests(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Records a request, once per product and address whatever the address's case.
	 * @param sku the product
	 * @param email the address to tell, as entered: it must be one the mailer can send to
	 * ({@link InputRules#email}), or it would be retried for hours
	 * @return completion; an {@link InvalidValueException} for the field {@code email}
	 */
	public Mono<Void> request(String sku, String email) {
		return Mono.fromCallable(() -> InputRules.email("email", email)).flatMap((address) -> this.db.sql("""
				insert into back_in_stock_request (sku, email) values (:sku, :email)
				on conflict (sku, lower(email)) do nothing
				""").bind("sku", sku).bind("email", address).then());
	}

}
