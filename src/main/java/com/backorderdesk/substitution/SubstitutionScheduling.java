package com.backorderdesk.substitution;

import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Mono;

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

	private final SubstitutionService substitutions;

	SubstitutionScheduling(SubstitutionService substitutions) {
		this.substitutions = substitutions;
	}

	@Scheduled(initialDelay = 1, fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
	Mono<Void> expireDueOffers() {
		return this.substitutions.expireDue().then();
	}

}
