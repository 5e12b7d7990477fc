package com.backorderdesk.notification;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * A delayed line the customer can answer about: keep waiting, or cancel.
 *
 * @param lineId the line
 * @param round 1 for the first delay, where silence counts as waiting; higher rounds need
 * an explicit answer
 * @param revisedLatest the new latest date (or, without a date, when we ask again)
 * @param undated whether the line has no date
 * @param answerBy until when "wait" must be answered, or the line is cancelled; only in
 * later rounds
 */
public record DelayQuestion(long lineId, int round, LocalDate revisedLatest, boolean undated,
		@Nullable Instant answerBy) {

	/** Whether the line is cancelled unless the customer answers. */
	public boolean answerRequired() {
		return this.answerBy != null;
	}

}
