package com.backorderdesk.language;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import org.junit.jupiter.api.Test;

import org.springframework.context.MessageSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's languages are complete: every message of the English bundle is in every
 * other, and none is there alone; every message parses as an ICU pattern; plurals follow
 * each language's rules; a request picks the language it asks for.
 */
class LanguageBundlesTests {

	private final MessageSource messages = Languages.messages("messages");

	@Test
	void whenAKeyIsMissingInEitherBundleThenThisFailsNamingIt() throws IOException {
		Properties english = bundle("messages.properties");
		for (Locale locale : Languages.SUPPORTED) {
			if (locale.equals(Languages.DEFAULT)) {
				continue;
			}
			Properties other = bundle("messages_" + locale.getLanguage() + ".properties");
			Set<String> missing = new TreeSet<>(english.stringPropertyNames());
			missing.removeAll(other.stringPropertyNames());
			Set<String> extra = new TreeSet<>(other.stringPropertyNames());
			extra.removeAll(english.stringPropertyNames());
			assertThat(missing).as("keys of messages.properties missing in " + locale).isEmpty();
			assertThat(extra).as("keys only in the " + locale + " bundle").isEmpty();
			List<String> untranslated = new ArrayList<>();
			for (String key : english.stringPropertyNames()) {
				String text = english.getProperty(key);
				if (text.length() > 24 && text.equals(other.getProperty(key))) {
					untranslated.add(key);
				}
			}
			assertThat(untranslated).as("sentences left in English in " + locale).isEmpty();
		}
	}

	@Test
	void whenEveryMessageIsParsedAsAnIcuPatternThenNoneFails() throws IOException {
		List<String> broken = new ArrayList<>();
		for (Locale locale : Languages.SUPPORTED) {
			String name = locale.equals(Languages.DEFAULT) ? "messages.properties"
					: "messages_" + locale.getLanguage() + ".properties";
			Properties bundle = bundle(name);
			for (String key : bundle.stringPropertyNames()) {
				try {
					new MessageFormat(bundle.getProperty(key), ULocale.forLocale(locale))
						.format(new Object[] { 2, 3, 4, 5, 6 });
				}
				catch (IllegalArgumentException ex) {
					broken.add(name + " " + key + ": " + ex.getMessage());
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void whenACountIsOneOrMoreThenEachLanguageSaysItInItsOwnPlural() {
		assertThat(this.messages.getMessage("lookup.tooMany", new Object[] { 1 }, Locale.ENGLISH))
			.isEqualTo("Too many attempts, try again in 1 minute.");
		assertThat(this.messages.getMessage("lookup.tooMany", new Object[] { 15 }, Locale.ENGLISH))
			.isEqualTo("Too many attempts, try again in 15 minutes.");
		assertThat(this.messages.getMessage("lookup.tooMany", new Object[] { 1 }, Locale.GERMAN))
			.isEqualTo("Zu viele Versuche. Versuchen Sie es in 1 Minute noch einmal.");
		assertThat(this.messages.getMessage("lookup.tooMany", new Object[] { 15 }, Locale.GERMAN))
			.isEqualTo("Zu viele Versuche. Versuchen Sie es in 15 Minuten noch einmal.");
		assertThat(this.messages.getMessage("summary.allReady", new Object[] { 1 }, Locale.ENGLISH))
			.isEqualTo("Your item is ready to ship.");
		assertThat(this.messages.getMessage("summary.allReady", new Object[] { 3 }, Locale.GERMAN))
			.isEqualTo("Alle 3 Artikel sind versandbereit.");
		assertThat(this.messages.getMessage("products.showing", new Object[] { 1001, 1024, 2000 }, Locale.GERMAN))
			.isEqualTo("1.001\u20131.024 von 2.000 Produkten.");
	}

	@Test
	void whenAMessageHasNoArgumentsThenItIsAsWrittenApostrophesAndAll() {
		assertThat(this.messages.getMessage("notify.heading", null, Locale.ENGLISH))
			.isEqualTo("Tell me when it's back");
	}

	@Test
	void whenABrowserAsksForALanguageThenItGetsTheClosestOneWeWrite() {
		RequestLanguage language = new RequestLanguage();
		assertThat(language.resolveLocaleContext(exchange("/", "de-CH,de;q=0.9,en;q=0.5")).getLocale())
			.isEqualTo(Locale.GERMAN);
		assertThat(language.resolveLocaleContext(exchange("/", "fr-FR,fr;q=0.9,en;q=0.5")).getLocale())
			.isEqualTo(Locale.ENGLISH);
		assertThat(language.resolveLocaleContext(exchange("/", "fr")).getLocale()).isEqualTo(Locale.ENGLISH);
		assertThat(language.resolveLocaleContext(exchange("/", "en;q=0.2, de;q=0.8")).getLocale())
			.isEqualTo(Locale.GERMAN);
		assertThat(language.resolveLocaleContext(exchange("/", "\u0000;;q=x")).getLocale()).isEqualTo(Locale.ENGLISH);
		assertThat(language.resolveLocaleContext(exchange("/staff/orders", "de")).getLocale())
			.as("the staff portal has one language")
			.isEqualTo(Locale.ENGLISH);
		MockServerWebExchange order = exchange("/orders/BO-1", "en");
		order.getAttributes().put(Languages.ORDER_LOCALE_ATTRIBUTE, Locale.GERMAN);
		assertThat(language.resolveLocaleContext(order).getLocale()).as("the order's language first")
			.isEqualTo(Locale.GERMAN);
	}

	@Test
	void whenALanguageTagIsReadThenOnlyWellFormedTagsOfSupportedLanguagesCount() {
		assertThat(Languages.parse("de-AT")).isEqualTo(Locale.forLanguageTag("de-AT"));
		assertThat(Languages.parse("de_AT")).isNull();
		assertThat(Languages.parse("x".repeat(40))).isNull();
		assertThat(Languages.parse("")).isNull();
		assertThat(Languages.supported(Languages.parse("de-AT"))).isEqualTo(Locale.GERMAN);
		assertThat(Languages.supported(Languages.parse("fr"))).isEqualTo(Locale.ENGLISH);
		assertThat(Languages.stored("de")).isEqualTo(Locale.GERMAN);
		assertThat(Languages.stored("fr")).isNull();
		assertThat(Languages.stored(null)).isNull();
	}

	private static MockServerWebExchange exchange(String path, String acceptLanguage) {
		return MockServerWebExchange.from(MockServerHttpRequest.get(path).header("Accept-Language", acceptLanguage));
	}

	private static Properties bundle(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = LanguageBundlesTests.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
