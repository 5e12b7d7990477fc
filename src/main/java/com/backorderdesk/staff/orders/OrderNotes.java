package com.backorderdesk.staff.orders;

import java.time.Instant;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import com.backorderdesk.InputRules;
import com.backorderdesk.InvalidValueException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Internal notes staff keep on an order (table {@code order_note}). Only staff pages read
 * them; the customer portal never does.
 */
@Repository
class OrderNotes {

	/** The longest note the table takes. */
	static final int MAX_LENGTH = 4000;

	private final DatabaseClient db;

	OrderNotes(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Adds a note.
	 * @param body the note: 1 to {@value #MAX_LENGTH} characters, stripped; line breaks
	 * are kept, other control characters refused
	 * @return the note as stored; an {@link InvalidValueException} for the field
	 * {@code body} when it is empty, too long or holds control characters
	 */
	Mono<Note> add(long orderId, String author, String body) {
		return Mono.fromCallable(() -> checked(body)).flatMap((text) -> this.db.sql("""
				insert into order_note (order_id, author, body) values (:orderId, :author, :body)
				returning id, author, body, created_at
				""").bind("orderId", orderId).bind("author", author).bind("body", text).map(OrderNotes::note).one());
	}

	private static String checked(String body) {
		String text = body.strip();
		if (text.isEmpty()) {
			throw new InvalidValueException("body", "Write the note first.");
		}
		if (text.length() > MAX_LENGTH) {
			throw new InvalidValueException("body", "Keep the note to 4,000 characters.");
		}
		return InputRules.paragraphs("body", text, 1, MAX_LENGTH);
	}

	Mono<List<Note>> of(long orderId) {
		return this.db.sql("select id, author, body, created_at from order_note where order_id = :orderId order by id")
			.bind("orderId", orderId)
			.map(OrderNotes::note)
			.all()
			.collectList();
	}

	private static Note note(Readable row) {
		return new Note(row.get("id", Long.class), row.get("author", String.class), row.get("body", String.class),
				row.get("created_at", Instant.class));
	}

	/**
	 * One note.
	 *
	 * @param id the note's id
	 * @param author who wrote it
	 * @param body what it says
	 * @param createdAt when it was written
	 */
	record Note(long id, String author, String body, Instant createdAt) {
	}

}
