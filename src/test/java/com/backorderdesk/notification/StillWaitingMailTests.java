package com.backorderdesk.notification;

import java.time.Duration;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Customers who wait are not forgotten: one who wants every update and has heard nothing
 * for {@code still-waiting-every} gets one short e-mail saying where each waiting item
 * stands and why, composed like every other e-mail; then nothing until the next quiet
 * period. The shop's clock is moved by the test.
 */
@SpringBootTest(properties = { "backorder.mail.scheduled=false", "backorder.mail.still-waiting-every=14d" })
@Import(MailTestSupport.Config.class)
class StillWaitingMailTests {

	@Autowired
	private MailJobs jobs;

	private final MailScenario scenario;

	StillWaitingMailTests(@Autowired ApplicationContext context) {
		this.scenario = new MailScenario(context);
	}

	@Test
	void whenACustomerHeardNothingForTheQuietPeriodThenOneStillWaitingEmailSaysWhereEachItemStandsAndWhy() {
		String desk = this.scenario.shop.product("DESK", 29900, 0);
		long restock = this.scenario.restock(desk, 5, 90);
		this.scenario.supply
			.changeRestock(restock, new RestockChange(null, null, null, null), "Ocean freight runs slow this month.",
					"planner")
			.block(MailScenario.TIMEOUT);
		String email = this.scenario.email("patient");
		OrderView order = this.scenario.place(email, desk);
		String important = this.scenario.email("important");
		OrderView quiet = this.scenario.place(important, desk);
		this.scenario.received(email, 1);
		this.scenario.received(important, 1);
		this.scenario.prefer(quiet, EmailPreference.IMPORTANT_ONLY);

		this.scenario.clock.advance(Duration.ofDays(10));
		stillWaiting();
		this.scenario.assertNothingMoreTo(email, 1);

		this.scenario.clock.advance(Duration.ofDays(5));
		stillWaiting();
		MimeMessage update = this.scenario.received(email, 2);
		assertThat(MailScenario.subject(update))
			.isEqualTo("Order " + order.number() + ": where your waiting items stand");
		assertThat(MailScenario.text(update)).contains("1 × Product " + desk, "Backordered, arrives between",
				"Why: Ocean freight runs slow this month.", "Cancel this item: http");
		stillWaiting();
		this.scenario.assertNothingMoreTo(email, 2);

		this.scenario.clock.advance(Duration.ofDays(14).plusHours(1));
		stillWaiting();
		assertThat(MailScenario.subject(this.scenario.received(email, 3)))
			.isEqualTo("Order " + order.number() + ": where your waiting items stand");
		this.scenario.assertNothingMoreTo(important, 1);
	}

	private void stillWaiting() {
		this.jobs.stillWaiting().block(MailScenario.TIMEOUT);
	}

}
