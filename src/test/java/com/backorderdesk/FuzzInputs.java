package com.backorderdesk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The malformed values {@link FuzzTests} sends: text that PostgreSQL or a parser may
 * choke on, numbers beyond every type, dates beyond every calendar, and JSON that is
 * broken or of the wrong shape.
 */
final class FuzzInputs {

	/** Text for form fields, query parameters, headers and path variables. */
	static final List<String> TEXT = List.of("", " ", "\u0000", "a\u0000b", "\u0001\u0002\u001f\u007f", "\t\r\n",
			"line\nbreak", "x".repeat(201), "y".repeat(4001), "z".repeat(20_000), "Ünïcødé", "😀🚚", "\uD800",
			"\u202Eevil", "\u200B", "\uFEFFbom", "１２３", "{0}", "{", "}", "${x}", "#{x}", "%", "%00", "%7B0%7D", "../..",
			"<script>alert(1)</script>", "' or 1=1 --", "\\", "a,b\"c", "-1", "0", "2.9", "1e309", "NaN", "Infinity",
			"99999999999999999999", "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808",
			"100000000000000000", "0000-01-01", "9999-12-31", "9999-12-30", "2026-02-30", "+10000-01-01", "-0001-01-01",
			"2026-13-45", "1970-01-01", "not an email", "a@b", "a@@b.c", "ada@example.com\u0000",
			"\"quoted\"@example.com", "x@" + "d".repeat(300) + ".com", "null", "true");

	/**
	 * Path variables; numbers that could name real rows of other tests are left out. The
	 * longest stays within the request line the server reads (4 KB); one longer path is
	 * sent on a connection of its own.
	 */
	static final List<String> SEGMENTS = List.of("{0}", "{", "}", "\u0000", "%", "%00", "a b", "é", "😀", "..", ".",
			"x".repeat(3000), "-1", "0", "99999999999999999999", "9223372036854775807", "2.9", "<b>", "a;b", "a=b",
			"\u202E", "\uFEFF", "'", "\"", "\\", "::", "null", "${x}", "\t", "~");

	/** Path segments sent byte for byte: encodings no URI parser accepts. */
	static final List<String> RAW_SEGMENTS = List.of("%zz", "%", "%0", "%C0%AF", "%FF%FE", "%ED%A0%80", "%7B0%7D",
			"%00", "%25%00", "a%2Fb", "%5C");

	/** JSON values of every type and size, as JSON text. */
	static final List<String> JSON_VALUES = jsonValues();

	/** Bodies that are not JSON, or not the JSON asked for. */
	static final List<String> JSON_BODIES = List.of("", " ", "{", "}", "[", "null", "[]", "\"x\"", "0", "true",
			"{\"a\":}", "{'a':1}", "{\"a\":1,}", "{} x", "{\"a\":1}{\"b\":2}", "[".repeat(5000) + "]".repeat(5000),
			"{\"n\":" + "9".repeat(5000) + "}", "{\"s\":\"\u0001\"}", "{\"s\":\"\\ud800\"}", "\uFEFF{\"a\":1}",
			"{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001));

	/** CSV files for the restock import. */
	static final List<String> CSV = List.of("", "\u0000", "sku,supplier,quantity,expected_on\n", "\"unbalanced,quote\n",
			"a,b,c,d,e,f\n", ",,,\n", "x,\u0000,1,2030-01-01\n", "x,y,2.9,2030-01-01\n",
			"x,y,99999999999999999999,9999-12-31\n", "x,y,-1,0000-01-01\n", "x,y,1,2026-02-30\n",
			"x," + "s".repeat(5000) + ",1,2030-01-01\n", "\uFEFF\"\"\"\",\"\n\",1,2030-01-01",
			"x,y,1,2030-01-01\n".repeat(6000));

	private FuzzInputs() {
	}

	private static List<String> jsonValues() {
		List<String> values = new ArrayList<>(
				List.of("null", "true", "false", "[]", "{}", "[1,2]", "{\"a\":1}", "0", "-1", "-0", "2.9", "1.0", "0.5",
						"-2.5", "1e3", "1E400", "-1e-400", "2147483648", "-2147483649", "9223372036854775808",
						"-9223372036854775809", "100000000000000000000", "10000000000", "100000000000000000",
						"99999999999999999999999999999999999999", "\"2.9\"", "\"1\"", "\"-1\"", "\"1e3\"", "\"\""));
		for (String text : TEXT) {
			values.add(json(text));
		}
		return List.copyOf(values);
	}

	/** A string as JSON text. */
	static String json(String text) {
		StringBuilder json = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	static <T> T pick(SplittableRandom random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/**
	 * Writes a JSON tree: maps, lists and leaves that are JSON text already.
	 */
	static String write(Object tree) {
		if (tree instanceof Map<?, ?> map) {
			StringBuilder json = new StringBuilder("{");
			map.forEach((key, value) -> {
				if (json.length() > 1) {
					json.append(',');
				}
				json.append(json(String.valueOf(key))).append(':').append(write(value));
			});
			return json.append('}').toString();
		}
		if (tree instanceof List<?> list) {
			StringBuilder json = new StringBuilder("[");
			for (Object item : list) {
				if (json.length() > 1) {
					json.append(',');
				}
				json.append(write(item));
			}
			return json.append(']').toString();
		}
		return String.valueOf(tree);
	}

}
