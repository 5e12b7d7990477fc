package com.backorderdesk.orders;

import com.backorderdesk.timeline.CustomerChoice;

/**
 * The order's e-mail choice changed.
 *
 * @param before the choice before
 * @param after the choice now
 */
public record EmailPreferenceChanged(EmailPreference before, EmailPreference after) implements CustomerChoice {
}
