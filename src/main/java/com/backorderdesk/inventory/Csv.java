package com.backorderdesk.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double quotes around fields that hold
 * commas, quotes or line breaks, {@code ""} for a quote inside them. Each record keeps
 * the line it starts on, counted from 1.
 */
final class Csv {

	private Csv() {
	}

	/**
	 * Splits text into records of fields. A blank line is a record with one empty field.
	 */
	static List<Record> parse(String text) {
		List<Record> records = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		int line = 1;
		int recordLine = 1;
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int start = (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? 1 : 0;
		for (int i = start; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					line += (c == '\n') ? 1 : 0;
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				fields.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				fields.add(field.toString());
				field.setLength(0);
				records.add(new Record(recordLine, fields));
				fields = new ArrayList<>();
				line++;
				recordLine = line;
			}
			else {
				field.append(c);
			}
		}
		if (field.length() > 0 || !fields.isEmpty()) {
			fields.add(field.toString());
			records.add(new Record(recordLine, fields));
		}
		return records;
	}

	/**
	 * One record.
	 *
	 * @param line the line it starts on, counted from 1
	 * @param fields its fields
	 */
	record Record(int line, List<String> fields) {
	}

}
