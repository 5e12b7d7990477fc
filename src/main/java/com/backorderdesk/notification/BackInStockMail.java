package com.backorderdesk.notification;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.catalog.Product;
import com.backorderdesk.language.Languages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The one e-mail of a "tell me when it's back" request: the product can be ordered again.
 * Queued by the change that brought the stock back, in its transaction; written in the
 * language of the page the request was made on.
 */
@Component
class BackInStockMail {

	private final MessageSource messages;

	BackInStockMail(MessageSource messages) {
		this.messages = messages;
	}

	/** The product a row is about. */
	String sku(ClaimedMail mail) {
		return (mail.sku() != null) ? mail.sku() : "";
	}

	/**
	 * Composes the e-mail.
	 * @param mail the row
	 * @param products products by SKU
	 * @param baseUrl where customers reach the portal
	 * @return the e-mail, or {@code null} when its product is unknown
	 */
	@Nullable MailView compose(ClaimedMail mail, Map<String, Product> products, String baseUrl) {
		Product product = products.get(sku(mail));
		if (product == null) {
			return null;
		}
		Locale locale = Languages.supported(Languages.stored(mail.locale()));
		return new MailView(text(locale, "mail.backInStock.subject", product.name()),
				text(locale, "mail.greetingAnonymous"), List.of(text(locale, "mail.backInStock.intro", product.name())),
				List.of(),
				List.of(new MailView.Action(text(locale, "mail.backInStock.see"),
						baseUrl + "/products/" + product.sku())),
				List.of(text(locale, "mail.backInStock.once")), null, null, locale);
	}

	private String text(Locale locale, String key, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

}
