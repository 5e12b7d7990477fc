package com.backorderdesk.staff;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message of the staff portal that counts something is written with a choice
 * pattern, so it says "1 problem", "2 problems" and never "0 problem": each message is
 * formatted with every argument 0, 1 and 2, and the nouns it counts are checked for their
 * number.
 */
class StaffPluralsTests {

	/** The nouns staff pages count. */
	private static final List<String> NOUNS = List.of("restock", "order", "unit", "line", "day", "row", "problem",
			"entry", "customer", "e-mail", "offer", "product", "attribute", "item", "receipt", "supplier", "promise",
			"substitute", "account", "change", "note", "second", "minute", "hour");

	private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

	@Test
	void whenAStaffMessageCountsThenItSaysOneThingAndTwoThings() throws IOException {
		List<String> wrong = new ArrayList<>();
		Pattern plural = Pattern
			.compile("\\b1 (" + String.join("|", NOUNS.stream().map(this::plural).toList()) + ")\\b");
		Pattern singular = Pattern.compile("\\b[02] (" + String.join("|", NOUNS) + ")\\b");
		Resource[] bundles = new PathMatchingResourcePatternResolver().getResources("classpath:i18n/*.properties");
		assertThat(bundles).as("the staff bundles").hasSizeGreaterThan(5);
		for (Resource bundle : bundles) {
			Properties messages = new Properties();
			try (InputStream in = bundle.getInputStream()) {
				messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
			for (String key : messages.stringPropertyNames()) {
				String message = messages.getProperty(key);
				int arguments = arguments(message);
				if (arguments == 0) {
					continue;
				}
				String one = format(message, arguments, 1);
				if (plural.matcher(one).find()) {
					wrong.add(key + ": \"" + one + "\"");
				}
				for (int value : new int[] { 0, 2 }) {
					String other = format(message, arguments, value);
					if (singular.matcher(other).find()) {
						wrong.add(key + ": \"" + other + "\"");
					}
				}
			}
		}
		assertThat(wrong).as("messages that count without a choice pattern").isEmpty();
	}

	private String plural(String noun) {
		return noun.equals("entry") ? "entries" : noun + "s";
	}

	private static int arguments(String message) {
		Matcher matcher = ARGUMENT.matcher(message);
		int count = 0;
		while (matcher.find()) {
			count = Math.max(count, Integer.parseInt(matcher.group(1)) + 1);
		}
		return count;
	}

	private static String format(String message, int arguments, int value) {
		Object[] values = new Object[arguments];
		Arrays.fill(values, value);
		// ICU's formatter, as the application's message source uses
		// (language.IcuMessageSource)
		return new MessageFormat(message, ULocale.ENGLISH).format(values);
	}

}
