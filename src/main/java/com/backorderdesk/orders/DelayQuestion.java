package com.backorderdesk.orders;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A delayed line the customer can still answer about: keep waiting, or cancel. Only lines
 * that still wait and are still later than the date that passed have one.
 *
 * @param orderId the order
 * @param lineId the line
 * @param round 1 for the first delay of the line, then 2, 3, ...
 * @param passedLatest the latest date that no longer holds
 * @param revisedLatest the new latest date (without a date: when we ask again)
 * @param undated whether the line has no date (an indefinite delay)
 * @param answerBy until when "wait" must be answered, or the line is cancelled;
 * {@code null} when silence counts as waiting (a first delay to a date at most 30 days
 * past the first promise)
 * @param reason why, in the planner's words, if they gave one
 */
public record DelayQuestion(long orderId, long lineId, int round, LocalDate passedLatest, LocalDate revisedLatest,
		boolean undated, @Nullable Instant answerBy, @Nullable String reason) {

	/**
	 * Whether the line is cancelled unless the customer answers.
	 * @return whether an answer is required
	 */
	public boolean answerRequired() {
		return this.answerBy != null;
	}

}
