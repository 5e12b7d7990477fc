package com.backorderdesk.language;

import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import org.jspecify.annotations.Nullable;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.util.ObjectUtils;

/**
 * Spring's resource bundles, with messages formatted by ICU4J's {@link MessageFormat}:
 * plurals by the language's own rules ({@code {0, plural, one {# item} other {#
 * items}}}), numbers and selections, in every language we add, where the JDK's choice
 * format knows only numeric ranges. ICU is the library the JDK's own formats come from
 * and the one the Unicode Consortium keeps; Spring has no ICU message source of its own,
 * so this adapts the one place Spring formats a message with arguments.
 *
 * <p>
 * A message without arguments is returned as written (as with Spring's default), so a
 * lone apostrophe needs no escaping there; with arguments ICU's apostrophe rules apply:
 * {@code '} is literal unless it quotes a brace or {@code #}.
 */
final class IcuMessageSource extends ResourceBundleMessageSource {

	private static final Pattern DOUBLE_PERIOD = Pattern.compile("(?<!\\.)\\.\\.(?!\\.)");

	/** Parsed patterns by pattern and locale; ICU formats are not thread-safe. */
	private final Map<Key, MessageFormat> formats = new ConcurrentHashMap<>();

	IcuMessageSource() {
		warmUp();
	}

	/**
	 * Loads ICU's rules and data for every supported language now, on the thread that
	 * starts the application: ICU reads them from its jar on first use, which must not
	 * happen on a thread that serves requests.
	 */
	private static void warmUp() {
		for (Locale locale : Languages.SUPPORTED) {
			new MessageFormat(
					"{0, plural, one {# a} other {# b}} {1, number} {2, choice, 0#c|1<d} {3, select, x {e} other {f}} "
							+ "{4} {5, date} {6, time}",
					ULocale.forLocale(locale))
				.format(new Object[] { 2, 1234.5, 1, "x", new Date(0), new Date(0), new Date(0) });
		}
	}

	@Override
	protected @Nullable String getMessageInternal(@Nullable String code, @Nullable Object @Nullable [] args,
			@Nullable Locale locale) {
		if (code == null || ObjectUtils.isEmpty(args)) {
			return super.getMessageInternal(code, args, locale);
		}
		Locale in = (locale != null) ? locale : Languages.DEFAULT;
		String pattern = resolveCodeWithoutArguments(code, in);
		if (pattern == null) {
			return super.getMessageInternal(code, args, in);
		}
		return format(pattern, resolveArguments(args, in), in);
	}

	@Override
	protected String formatMessage(String message, @Nullable Object @Nullable [] args, Locale locale) {
		if (ObjectUtils.isEmpty(args)) {
			return super.formatMessage(message, args, locale);
		}
		return format(message, resolveArguments(args, locale), locale);
	}

	private String format(String pattern, @Nullable Object[] given, Locale locale) {
		// java.time values read as written (2026-12-13), as Spring's JDK formatting had
		// them: ICU would turn them into a date and time in the JVM's zone; the callers
		// word dates themselves in the shop's zone where a customer reads them
		@Nullable Object[] args = given.clone();
		for (int i = 0; i < args.length; i++) {
			if (args[i] instanceof TemporalAccessor temporal) {
				args[i] = temporal.toString();
			}
		}
		MessageFormat format = this.formats.computeIfAbsent(new Key(pattern, locale),
				(key) -> new MessageFormat(key.pattern(), ULocale.forLocale(key.locale())));
		String formatted;
		synchronized (format) {
			formatted = format.format(args);
		}
		// an argument that ends with its own period ("15. Jan.") ends the sentence too
		return DOUBLE_PERIOD.matcher(formatted).replaceAll(".");
	}

	private record Key(String pattern, Locale locale) {
	}

}
