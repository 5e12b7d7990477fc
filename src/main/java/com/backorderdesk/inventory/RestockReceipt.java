package com.backorderdesk.inventory;

import java.time.Instant;
import java.time.LocalDate;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/**
 * One delivery of a restock, in full or in part, with its corrections.
 *
 * @param id the receipt's id
 * @param restockId the restock
 * @param quantity units received, as corrected
 * @param recorded units received as first recorded
 * @param receivedOn the day they arrived
 * @param recordedAt when the receipt was recorded
 * @param correctedAt when it was last corrected, or {@code null}
 */
public record RestockReceipt(long id, long restockId, int quantity, int recorded, LocalDate receivedOn,
		Instant recordedAt, @Nullable Instant correctedAt) {

	/** Receipts of restock {@code :id}, each with its corrections summed. */
	static final String SELECT = """
			select r.id, r.restock_id, r.quantity as recorded, r.quantity + coalesce(c.difference, 0) as quantity,
				r.received_on, r.recorded_at, c.corrected_at
			from restock_receipt r
			left join (select corrects_id, sum(quantity)::int as difference, max(recorded_at) as corrected_at
				from restock_receipt where corrects_id is not null group by corrects_id) c on c.corrects_id = r.id
			where r.restock_id = :id and r.corrects_id is null
			""";

	static RestockReceipt of(Readable row) {
		return new RestockReceipt(row.get("id", Long.class), row.get("restock_id", Long.class),
				row.get("quantity", Integer.class), row.get("recorded", Integer.class),
				row.get("received_on", LocalDate.class), row.get("recorded_at", Instant.class),
				row.get("corrected_at", Instant.class));
	}

	/**
	 * Whether the receipt was corrected.
	 * @return whether its units differ from what was first recorded, or were corrected
	 * back to it
	 */
	public boolean corrected() {
		return this.correctedAt != null;
	}

}
