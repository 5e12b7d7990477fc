package com.backorderdesk.notification;

import java.util.Locale;

import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.language.Languages;
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
	 * Records a request, once per product and address whatever the address's case; asked
	 * again, the language of the latest request is kept.
	 * @param sku the product
	 * @param email the address to tell, as entered: it must be one the mailer can send to
	 * ({@link InputRules#email}), or it would be retried for hours
	 * @param locale the language of the page the request was made on: the e-mail is
	 * written in it when the shop writes it
	 * @return completion; an {@link InvalidValueException} for the field {@code email}
	 */
	public Mono<Void> request(String sku, String email, Locale locale) {
		String language = Languages.supported(locale).toLanguageTag();
		return Mono.fromCallable(() -> InputRules.email("email", email)).flatMap((address) -> this.db.sql("""
				insert into back_in_stock_request (sku, email, locale) values (:sku, :email, :locale)
				on conflict (sku, lower(email)) do update set locale = excluded.locale
				""").bind("sku", sku).bind("email", address).bind("locale", language).then());
	}

}
