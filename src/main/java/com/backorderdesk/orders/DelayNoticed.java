package com.backorderdesk.orders;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import com.backorderdesk.timeline.TimelineEvent;

/**
 * Lines of an order became late, and the customer is given the choices the FTC Mail,
 * Internet, or Telephone Order Merchandise Rule (16 CFR 435.2) asks for: wait, or cancel
 * at no cost. One event per order per change that delays it. Stored as
 * {@code DELAY_NOTICED}; rows stored as {@code DELAY_NOTICE} (one line each) read as this
 * too.
 *
 * @param lines the delayed lines
 */
public record DelayNoticed(List<DelayedLine> lines) implements TimelineEvent {

	public DelayNoticed {
		lines = List.copyOf(lines);
	}

	/**
	 * Reads both shapes this event was stored in: a list of lines, or one line's fields
	 * at the top.
	 */
	@JsonCreator
	static DelayNoticed read(@JsonProperty("lines") @Nullable List<DelayedLine> lines,
			@JsonProperty("lineId") @Nullable Long lineId, @JsonProperty("sku") @Nullable String sku,
			@JsonProperty("quantity") int quantity, @JsonProperty("round") int round,
			@JsonProperty("passedLatest") @Nullable LocalDate passedLatest,
			@JsonProperty("revisedLatest") @Nullable LocalDate revisedLatest, @JsonProperty("undated") boolean undated,
			@JsonProperty("answerBy") @Nullable Instant answerBy) {
		if (lines != null) {
			return new DelayNoticed(lines);
		}
		if (lineId == null || sku == null || passedLatest == null) {
			return new DelayNoticed(List.of());
		}
		return new DelayNoticed(List.of(new DelayedLine(lineId, sku, quantity, Math.max(round, 1), passedLatest,
				revisedLatest, undated, answerBy, null)));
	}

	/**
	 * One delayed line and what the customer was asked.
	 *
	 * @param lineId the line
	 * @param sku its SKU
	 * @param quantity units that wait
	 * @param round 1 for the first delay of the line, then 2, 3, ...
	 * @param passedLatest the latest date that no longer holds (the first promise, or the
	 * revised date of the previous notice)
	 * @param revisedLatest the new latest date; for a line without a date, the day we ask
	 * again
	 * @param undated whether the line has no date at all (an indefinite delay)
	 * @param answerBy until when the customer must answer "wait", or the line is
	 * cancelled; {@code null} when silence counts as consent
	 * @param reason why, in the planner's words, when they gave one
	 */
	public record DelayedLine(long lineId, String sku, int quantity, int round, LocalDate passedLatest,
			@Nullable LocalDate revisedLatest, boolean undated, @Nullable Instant answerBy, @Nullable String reason) {

		/**
		 * Whether the line is cancelled unless the customer answers "wait".
		 * @return whether an answer is required
		 */
		public boolean answerRequired() {
			return this.answerBy != null;
		}

	}

}
