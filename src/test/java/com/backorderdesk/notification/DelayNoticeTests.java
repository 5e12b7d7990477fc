package com.backorderdesk.notification;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.LineStatus;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delay notices end to end, with the shop's clock moved by the test: a first delay is
 * told and silence keeps the item; a second delay needs an explicit "wait" by the
 * deadline, or the item is cancelled and the customer told.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.mail.scheduled=false")
@AutoConfigureWebTestClient
@Import(MailTestSupport.Config.class)
class DelayNoticeTests {

	@Autowired
	private DelayNotices delays;

	@Autowired
	private MailDispatcher dispatcher;

	@Autowired
	private OrderService orders;

	@Autowired
	private SupplyChanges supply;

	@Autowired
	private DelayNoticeSettings settings;

	@Autowired
	private MailTestSupport.MutableClock clock;

	private final TestShop shop;

	private final TestMail mail = TestMail.get();

	DelayNoticeTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenNobodyAnswersASecondDelayThenTheItemIsCancelledAndTheCustomerTold() {
		Delayed order = delayedTwice("silent");
		this.clock.advance(this.settings.answerPeriod().plusMinutes(1));
		StepVerifier.create(this.delays.cancelUnanswered())
			.expectNextMatches((n) -> n >= 1)
			.expectComplete()
			.verify(MailTestSupport.TIMEOUT);
		OrderLineView line = this.shop.find(order.number()).lines().get(0);
		assertThat(line.status()).isEqualTo(LineStatus.CANCELLED);
		assertThat(line.cancelled()).isEqualTo(2);
		MimeMessage cancelled = dispatchAndAwait(order.email(), "Order " + order.number() + ": items cancelled");
		assertThat(MailTestSupport.content(cancelled, "text/plain"))
			.contains("We did not hear from you that you want to keep waiting", "You will not be charged");
	}

	@Test
	void whenTheCustomerAnswersWaitThenTheDelayedItemIsKept() {
		Delayed order = delayedTwice("patient");
		StepVerifier.create(this.delays.confirmWait(order.number(), order.lineId(), "customer"))
			.expectNext(true)
			.expectComplete()
			.verify(MailTestSupport.TIMEOUT);
		this.clock.advance(this.settings.answerPeriod().plusMinutes(1));
		this.delays.cancelUnanswered().block(MailTestSupport.TIMEOUT);
		OrderLineView line = this.shop.find(order.number()).lines().get(0);
		assertThat(line.status()).isEqualTo(LineStatus.BACKORDERED);
		assertThat(line.cancelled()).isZero();
		assertThat(this.shop.events(order.number())).contains(DelayNotices.WAIT_CONFIRMED)
			.doesNotContain("ITEM_CANCELLED");
	}

	/**
	 * Places an order that waits for a restock, delays the restock once (notice, no
	 * answer: still waiting), then again past the revised date (notice asking for an
	 * answer).
	 */
	private Delayed delayedTwice(String name) {
		String sku = this.shop.product("DESK", 29900, 0);
		long restock = this.supply
			.createRestock(new NewRestock(sku, this.shop.unique("Supplier"), 5, today().plusDays(10)), "test")
			.block(MailTestSupport.TIMEOUT)
			.id();
		String email = this.shop.unique(name) + "@example.com";
		OrderView order = this.orders
			.place(new PlaceOrder(this.shop.unique("BO"), email, "Grace Hopper", List.of(new PlaceOrder.Line(sku, 2))),
					"test")
			.block(MailTestSupport.TIMEOUT)
			.order();
		long lineId = order.lines().get(0).id();
		dispatchAndAwait(email, "Your order " + order.number() + ": what ships now and what waits");

		moveRestock(restock, 20);
		this.delays.noticeDelays().block(MailTestSupport.TIMEOUT);
		MimeMessage first = dispatchAndAwait(email, "Order " + order.number() + ": Product " + sku + " is delayed");
		assertThat(MailTestSupport.content(first, "text/plain")).contains("you need not do anything",
				"Keep waiting: http", "?focus=wait-line-" + lineId, "Cancel this item: http",
				"?focus=cancel-line-" + lineId);
		this.delays.noticeDelays().block(MailTestSupport.TIMEOUT);
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.delays.cancelUnanswered().block(MailTestSupport.TIMEOUT)).isZero();
		assertThat(this.shop.find(order.number()).lines().get(0).status()).as("silence is consent to wait")
			.isEqualTo(LineStatus.BACKORDERED);
		assertThat(this.delays.openQuestions(order.id()).block(MailTestSupport.TIMEOUT)).singleElement()
			.satisfies((question) -> assertThat(question.answerRequired()).isFalse());

		moveRestock(restock, 35);
		StepVerifier.create(this.delays.noticeDelays())
			.expectNextMatches((n) -> n >= 1)
			.expectComplete()
			.verify(MailTestSupport.TIMEOUT);
		MimeMessage second = dispatchAndAwait(email,
				"Order " + order.number() + ": Product " + sku + " is delayed again; please answer");
		assertThat(MailTestSupport.content(second, "text/plain")).contains("please tell us by",
				"Without your answer we will cancel it");
		assertThat(this.delays.openQuestions(order.id()).block(MailTestSupport.TIMEOUT)).singleElement()
			.satisfies((question) -> assertThat(question.answerRequired()).isTrue());
		return new Delayed(order.number(), lineId, email);
	}

	private void moveRestock(long restock, int days) {
		this.supply.updateRestock(restock, new RestockChange(today().plusDays(days), null, null, null), "test")
			.block(MailTestSupport.TIMEOUT);
	}

	/** Dispatches what is due and returns the one e-mail with that subject. */
	private MimeMessage dispatchAndAwait(String email, String subject) {
		this.dispatcher.dispatchDue().block(MailTestSupport.TIMEOUT);
		List<MimeMessage> found = this.mail.messagesTo(email)
			.stream()
			.filter((message) -> MailTestSupport.header(message, "Subject").equals(subject))
			.toList();
		assertThat(found).as("e-mails to " + email + " titled '" + subject + "'").hasSize(1);
		return found.get(0);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private record Delayed(String number, long lineId, String email) {
	}

}
