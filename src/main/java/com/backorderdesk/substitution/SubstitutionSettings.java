package com.backorderdesk.substitution;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the substitution workbench chooses what to show.
 *
 * @param waitingThresholdDays a waiting line joins the queue when it has no date, or when
 * its delivery window ends more than this many days from today
 * @param priceBandPercent how much dearer or cheaper than the original a substitute may
 * be, in percent of its price
 * @param offerDays how many days an offer stands unless staff choose otherwise
 */
@ConfigurationProperties("backorder.substitution")
public record SubstitutionSettings(@DefaultValue("14") int waitingThresholdDays,
		@DefaultValue("20") int priceBandPercent, @DefaultValue("7") int offerDays) {
}
