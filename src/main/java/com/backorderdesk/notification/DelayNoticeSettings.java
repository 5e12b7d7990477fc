package com.backorderdesk.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The periods of delay notices, after the FTC Mail, Internet, or Telephone Order
 * Merchandise Rule.
 *
 * @param undatedDays an item ordered without a date is delayed this many days after the
 * order; a notice without a new date asks again after as many days
 * @param answerPeriod after a second delay, how long the customer has to answer "wait"
 * before the item is cancelled
 */
@ConfigurationProperties("backorder.delay-notices")
public record DelayNoticeSettings(@DefaultValue("30") int undatedDays, @DefaultValue("7d") Duration answerPeriod) {
}
