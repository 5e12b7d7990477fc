package com.backorderdesk;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One clock in the shop's zone for everything that asks what day it is, so tests can move
 * time.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock shopClock(ShopSettings shop) {
		return Clock.system(shop.zone());
	}

}
