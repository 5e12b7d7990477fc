package com.backorderdesk.orders;

import com.backorderdesk.timeline.CustomerChoice;

/**
 * The order's shipping choice changed.
 *
 * @param before the choice before
 * @param after the choice now
 */
public record ShipPreferenceChanged(ShipPreference before, ShipPreference after) implements CustomerChoice {
}
