package com.backorderdesk.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The periods of delay notices, after the FTC Mail, Internet, or Telephone Order
 * Merchandise Rule (16 CFR 435).
 *
 * @param undatedDays an item ordered without a date is delayed this many days after the
 * order (the rule's 30 days when no time was stated); a notice without a new date asks
 * again after as many days
 * @param consentDays a first delay to a definite date at most this many days past the
 * date first promised may take silence as consent; a longer one needs an answer
 * @param answerPeriod how long the customer has to answer "wait" when an answer is
 * required, before the item is cancelled
 * @param checkInterval how often each instance looks for delays that come from the
 * passing of days, and for answers that did not come
 */
@ConfigurationProperties("backorder.delay-notices")
public record DelayNoticeSettings(@DefaultValue("30") int undatedDays, @DefaultValue("30") int consentDays,
		@DefaultValue("7d") Duration answerPeriod, @DefaultValue("1m") Duration checkInterval) {
}
