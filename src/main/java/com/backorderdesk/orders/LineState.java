package com.backorderdesk.orders;

import org.jspecify.annotations.Nullable;

import com.backorderdesk.allocation.EtaWindow;

/**
 * The planned state of a line, as stored and as the timeline reports it.
 *
 * @param status the status
 * @param allocated units allocated
 * @param scheduled units with a date
 * @param unscheduled units without a date
 * @param eta window of the scheduled units
 */
record LineState(LineStatus status, int allocated, int scheduled, int unscheduled, @Nullable EtaWindow eta) {
}
