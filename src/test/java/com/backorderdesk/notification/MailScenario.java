package com.backorderdesk.notification;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.allocation.EtaWindow;
import com.backorderdesk.inventory.NewRestock;
import com.backorderdesk.inventory.RestockChange;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderJobs;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.SupplyChanges;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the e-mail tests do again and again, through the real services, the real
 * dispatcher and real SMTP: place orders, move restocks, let time pass on the test clock,
 * send what is due and read what arrived. Names are unique to one test (the database and
 * the SMTP server are shared).
 */
final class MailScenario {

	static final Duration TIMEOUT = MailTestSupport.TIMEOUT;

	final TestShop shop;

	final TestMail mail = TestMail.get();

	final MailDispatcher dispatcher;

	final OrderService orders;

	final OrderChoices choices;

	final SupplyChanges supply;

	final OrderJobs jobs;

	final LineWording wording;

	final MailTestSupport.MutableClock clock;

	private final AtomicInteger orderCount = new AtomicInteger();

	MailScenario(ApplicationContext context) {
		this.shop = new TestShop(context);
		this.dispatcher = context.getBean(MailDispatcher.class);
		this.orders = context.getBean(OrderService.class);
		this.choices = context.getBean(OrderChoices.class);
		this.supply = context.getBean(SupplyChanges.class);
		this.jobs = context.getBean(OrderJobs.class);
		this.wording = context.getBean(LineWording.class);
		this.clock = context.getBean(MailTestSupport.MutableClock.class);
	}

	LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/** A new address for one customer of one test. */
	String email(String name) {
		return this.shop.unique(name) + "@example.com";
	}

	/** A restock of a SKU due in some days, from a supplier unique to this test. */
	long restock(String sku, int quantity, int inDays) {
		return this.supply
			.createRestock(new NewRestock(sku, this.shop.unique("Supplier"), quantity, today().plusDays(inDays)),
					"test")
			.block(TIMEOUT)
			.id();
	}

	/** Moves a restock's expected date to some days from today. */
	void move(long restock, int inDays) {
		this.supply.updateRestock(restock, new RestockChange(today().plusDays(inDays), null, null, null), "planner")
			.block(TIMEOUT);
	}

	/** Places an order of one unit of each SKU, or of a line given as {@code SKU*n}. */
	OrderView place(String email, String... lines) {
		List<PlaceOrder.Line> ordered = Arrays.stream(lines).map((line) -> {
			int star = line.indexOf('*');
			return (star < 0) ? new PlaceOrder.Line(line, 1)
					: new PlaceOrder.Line(line.substring(0, star), Integer.parseInt(line.substring(star + 1)));
		}).toList();
		String number = this.shop.unique("BO") + "-" + this.orderCount.incrementAndGet();
		return this.orders.place(new PlaceOrder(number, email, "Ada Lovelace", ordered), "test").block(TIMEOUT).order();
	}

	void prefer(OrderView order, EmailPreference preference) {
		this.choices.setEmailPreference(order.number(), preference, "customer").block(TIMEOUT);
	}

	/** Sends everything that is due now. */
	void dispatch() {
		this.dispatcher.dispatchDue().block(TIMEOUT);
	}

	/** Lets time pass, then sends everything that is due. */
	void after(Duration duration) {
		this.clock.advance(duration);
		dispatch();
	}

	/** Sends what is due and waits for the address's e-mail number {@code count}. */
	MimeMessage received(String email, int count) {
		dispatch();
		return this.mail.await(email, count, TIMEOUT).get(count - 1);
	}

	List<String> subjects(String email) {
		return this.mail.messagesTo(email)
			.stream()
			.map((message) -> MailTestSupport.header(message, "Subject"))
			.toList();
	}

	static String text(MimeMessage message) {
		return MailTestSupport.content(message, "text/plain");
	}

	static String subject(MimeMessage message) {
		return MailTestSupport.header(message, "Subject");
	}

	String window(EtaWindow window) {
		return this.wording.window(window, Locale.ENGLISH);
	}

	/** The outbox rows of an order, as {@code status: contents / outcome}. */
	List<String> rows(OrderView order) {
		return this.shop.db()
			.sql("""
					select status || ': ' || coalesce(array_to_string(contents, ','), '') || ' / '
						|| coalesce(outcome, '') from mail_outbox where order_id = :orderId order by id
					""")
			.bind("orderId", order.id())
			.map((row) -> row.get(0, String.class))
			.all()
			.collectList()
			.block(TIMEOUT);
	}

	void assertNothingMoreTo(String email, int count) {
		dispatch();
		assertThat(this.mail.messagesTo(email)).as("e-mails to " + email).hasSize(count);
	}

}
