package com.backorderdesk.substitution;

import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import com.backorderdesk.RepeatedFailures;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Expires due offers every minute, so an offer nobody answered stops being shown and the
 * customer is told. Spring subscribes to the returned {@link Mono}, so no scheduler
 * thread waits for the database.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SubstitutionScheduling {

	private static final Log logger = LogFactory.getLog(SubstitutionScheduling.class);

	private final SubstitutionService substitutions;

	private final RepeatedFailures expiries = new RepeatedFailures(logger, "Expiring due offers");

	SubstitutionScheduling(SubstitutionService substitutions) {
		this.substitutions = substitutions;
	}

	@Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
	Mono<Void> expireDueOffers() {
		// a failure is logged here, once a run (Spring would log its stack every minute)
		return this.expiries.attempt(this.substitutions.expireDue().then());
	}

}
