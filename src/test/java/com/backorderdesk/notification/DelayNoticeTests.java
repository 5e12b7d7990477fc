package com.backorderdesk.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.inventory.RestockStatus;
import com.backorderdesk.orders.DelayNoticeSettings;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delay notices by the FTC Mail, Internet, or Telephone Order Merchandise Rule, end to
 * end with the shop's clock moved by the test: a first delay to a date at most 30 days
 * past the first promise takes silence as consent; a longer delay, a delay without a date
 * and a second delay need the customer's "wait" by the deadline, or the item is cancelled
 * and the customer told. Each notice goes out with the change that causes it, and the
 * notices and cancellations reach the customer whatever e-mails they chose.
 */
@SpringBootTest(properties = "backorder.mail.scheduled=false")
@Import(MailTestSupport.Config.class)
class DelayNoticeTests {

	@Autowired
	private DelayNoticeSettings settings;

	private final MailScenario scenario;

	DelayNoticeTests(@Autowired ApplicationContext context) {
		this.scenario = new MailScenario(context);
	}

	static Stream<Arguments> slipsAndPreferences() {
		List<Arguments> cases = new ArrayList<>();
		for (Slip slip : Slip.values()) {
			for (EmailPreference preference : EmailPreference.values()) {
				cases.add(Arguments.of(slip, preference));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0} with preference {1}")
	@MethodSource("slipsAndPreferences")
	void whenADelayIsNoticedThenTheRuleDecidesWhetherSilenceKeepsTheItemWhateverTheCustomerChose(Slip slip,
			EmailPreference preference) {
		String sku = this.scenario.shop.product("DESK", 29900, 0);
		long restock = this.scenario.restock(sku, 5, 10);
		String email = this.scenario.email(slip.name().toLowerCase() + "-" + preference.name().toLowerCase());
		OrderView order = this.scenario.place(email, sku);
		this.scenario.dispatch();
		int before = this.scenario.mail.messagesTo(email).size();
		this.scenario.prefer(order, preference);

		slip.run(this.scenario, restock);
		List<MimeMessage> notices = this.scenario.mail.await(email, before + slip.notices, MailScenario.TIMEOUT);
		MimeMessage notice = notices.get(notices.size() - 1);
		String item = "Product " + sku;
		String text = MailScenario.text(notice);
		assertThat(MailScenario.subject(notice)).isEqualTo("Order " + order.number() + ": " + item + " is delayed"
				+ (slip.answerRequired ? "; please answer" : ""));
		assertThat(text).contains("Keep waiting: http", "?focus=wait-line-" + order.lines().get(0).id(),
				"Cancel this item: http", "at any time");
		if (slip.answerRequired) {
			assertThat(text).contains("please tell us by", "our answer we will cancel it then");
		}
		else {
			assertThat(text).contains("you need not do anything: we take it that you wait");
		}
		if (slip == Slip.UNDATED) {
			assertThat(text).contains("We cannot tell you when", "Why: The maker stopped this model.");
		}

		this.scenario.clock.advance(this.settings.answerPeriod().plusMinutes(1));
		this.scenario.jobs.run().blockLast(MailScenario.TIMEOUT);
		OrderLineView line = this.scenario.shop.find(order.number()).lines().get(0);
		if (slip.answerRequired) {
			assertThat(line.status()).as("silence after a delay that needs an answer").isEqualTo(LineStatus.CANCELLED);
			MimeMessage cancelled = this.scenario.received(email, before + slip.notices + 1);
			assertThat(MailScenario.subject(cancelled)).isEqualTo("Order " + order.number() + ": items cancelled");
			assertThat(MailScenario.text(cancelled)).contains("We did not hear from you that you want to keep waiting",
					"You will not be charged for it.");
		}
		else {
			assertThat(line.status()).as("silence is consent to a short first delay").isEqualTo(LineStatus.BACKORDERED);
			this.scenario.assertNothingMoreTo(email, before + slip.notices);
		}
	}

	@Test
	void whenTheCustomerAnswersWaitToALongDelayThenTheItemIsKept() {
		String sku = this.scenario.shop.product("DESK", 29900, 0);
		long restock = this.scenario.restock(sku, 5, 10);
		String email = this.scenario.email("patient");
		OrderView order = this.scenario.place(email, sku);
		this.scenario.received(email, 1);
		Slip.LONG.apply(this.scenario, restock);
		long lineId = order.lines().get(0).id();
		StepVerifier.create(this.scenario.choices.confirmWait(order.number(), lineId, "customer"))
			.expectNext(true)
			.expectComplete()
			.verify(MailScenario.TIMEOUT);
		this.scenario.clock.advance(this.settings.answerPeriod().plusMinutes(1));
		this.scenario.jobs.run().blockLast(MailScenario.TIMEOUT);
		OrderLineView line = this.scenario.shop.find(order.number()).lines().get(0);
		assertThat(line.status()).isEqualTo(LineStatus.BACKORDERED);
		assertThat(this.scenario.shop.events(order.number())).contains("DELAY_WAIT_CONFIRMED")
			.doesNotContain("ITEM_CANCELLED");
	}

	@Test
	void whenALateLineCatchesUpBeforeTheDeadlineThenItIsNotCancelled() {
		String sku = this.scenario.shop.product("DESK", 29900, 0);
		long restock = this.scenario.restock(sku, 5, 10);
		String email = this.scenario.email("recovered");
		OrderView order = this.scenario.place(email, sku);
		this.scenario.received(email, 1);
		Slip.LONG.apply(this.scenario, restock);
		this.scenario.move(restock, 10);
		assertThat(this.scenario.choices.confirmWait(order.number(), order.lines().get(0).id(), "customer")
			.block(MailScenario.TIMEOUT)).as("nothing left to answer: the line is on time again").isFalse();
		this.scenario.clock.advance(this.settings.answerPeriod().plusMinutes(1));
		this.scenario.jobs.run().blockLast(MailScenario.TIMEOUT);
		assertThat(this.scenario.shop.find(order.number()).lines().get(0).status()).isEqualTo(LineStatus.BACKORDERED);
	}

	@Test
	void whenAnOverdueRestockIsNotUpdatedThenTheDaysThatPassDelayTheLineAndTheCustomerIsTold() {
		String sku = this.scenario.shop.product("DESK", 29900, 0);
		this.scenario.restock(sku, 5, 3);
		String email = this.scenario.email("overdue");
		OrderView order = this.scenario.place(email, sku);
		this.scenario.received(email, 1);
		this.scenario.clock.advance(Duration.ofDays(20));
		this.scenario.jobs.run().blockLast(MailScenario.TIMEOUT);
		MimeMessage notice = this.scenario.received(email, 2);
		assertThat(MailScenario.subject(notice))
			.isEqualTo("Order " + order.number() + ": Product " + sku + " is delayed");
		assertThat(this.scenario.shop.find(order.number()).lines().get(0).eta().latest())
			.isAfter(order.lines().get(0).eta().latest());
	}

	/**
	 * The kinds of delay the rule tells apart, each played on a restock due in 10 days
	 * that covers one waiting unit.
	 */
	enum Slip {

		/** To a date 10 days past the first promise: silence is consent. */
		SHORT(false, 1) {
			@Override
			void apply(MailScenario scenario, long restock) {
				scenario.move(restock, 20);
			}
		},

		/** To a date 45 days past the first promise: the customer must answer. */
		LONG(true, 1) {
			@Override
			void apply(MailScenario scenario, long restock) {
				scenario.move(restock, 55);
			}
		},

		/** The restock is cancelled: no date at all, and the planner says why. */
		UNDATED(true, 1) {
			@Override
			void apply(MailScenario scenario, long restock) {
				scenario.supply
					.changeRestock(restock, new RestockChange(null, null, RestockStatus.CANCELLED, null),
							"The maker stopped this model.", "planner")
					.block(MailScenario.TIMEOUT);
			}
		},

		/** A short first delay, let stand, then a second one past the revised date. */
		SECOND(true, 2) {
			@Override
			void apply(MailScenario scenario, long restock) {
				scenario.move(restock, 20);
				scenario.dispatch();
				scenario.move(restock, 25);
			}
		};

		private final boolean answerRequired;

		private final int notices;

		Slip(boolean answerRequired, int notices) {
			this.answerRequired = answerRequired;
			this.notices = notices;
		}

		/** Makes the slip and sends what it calls for. */
		void run(MailScenario scenario, long restock) {
			apply(scenario, restock);
			scenario.dispatch();
		}

		abstract void apply(MailScenario scenario, long restock);

	}

}
