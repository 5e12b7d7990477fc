package com.backorderdesk.orders;

import com.backorderdesk.timeline.CustomerChoice;

/**
 * The customer answered a delay notice: they keep waiting for the line.
 *
 * @param lineId the delayed line
 * @param round the notice answered, 1 for the first delay
 */
public record WaitConfirmed(long lineId, int round) implements CustomerChoice {
}
