package com.backorderdesk.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.substitution.NewOffer;
import com.backorderdesk.substitution.OfferStatus;
import com.backorderdesk.substitution.OfferView;
import com.backorderdesk.substitution.SubstitutionService;
import com.backorderdesk.timeline.Actors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Substitute offers by e-mail, through real SMTP: the offer itself with its "see the
 * offer" link, and one reminder before an open offer expires, whose link picks the offer
 * out on the order page and changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.mail.scheduled=false")
@AutoConfigureWebTestClient
@Import(MailTestSupport.Config.class)
class OfferMailTests {

	@Autowired
	private MailDispatcher dispatcher;

	@Autowired
	private MailJobs jobs;

	@Autowired
	private MailSettings settings;

	@Autowired
	private OrderService orders;

	@Autowired
	private SubstitutionService substitutions;

	@Autowired
	private MailTestSupport.MutableClock clock;

	@Autowired
	private WebTestClient http;

	private final TestShop shop;

	private final TestMail mail = TestMail.get();

	OfferMailTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenStaffOfferASubstituteThenTheCustomerGetsAnEmailWithTheSeeTheOfferLink() {
		Offered offered = offer("ada", Duration.ofDays(7));
		dispatch();
		MimeMessage offer = only(offered.email(),
				"Order " + offered.order().number() + ": a substitute for Product " + offered.original());
		String text = MailTestSupport.content(offer, "text/plain");
		assertThat(text).contains("Hello Ada Lovelace,",
				"Instead: 1 × Product " + offered.substitute() + ", in stock now", "Costs €5.00 more.",
				"The offer stands until");
		assertThat(MailTestSupport.link(text, "See the offer: "))
			.matches("http://[^/]+/o/[^?]+\\?focus=accept-offer-" + offered.offer().id());
		assertThat(MailTestSupport.content(offer, "text/html")).contains("See the offer",
				"?focus=accept-offer-" + offered.offer().id());
	}

	@Test
	void whenAnOpenOfferIsAboutToExpireThenOneReminderWhoseLinkPicksTheOfferOutAndChangesNothing() {
		Duration before = this.settings.offerReminderBefore();
		Offered open = offer("grace", before.multipliedBy(3));
		Offered declined = offer("alan", before.multipliedBy(3));
		Offered far = offer("barbara", before.multipliedBy(10));
		this.substitutions.decline(declined.order().number(), declined.offer().id(), "customer")
			.block(MailTestSupport.TIMEOUT);
		remind();
		assertThat(reminders(open)).as("too early for a reminder").isZero();

		this.clock.advance(before.multipliedBy(2).plusHours(1));
		remind();
		remind();
		this.clock.advance(Duration.ofHours(1));
		remind();
		dispatch();
		String subject = "Order " + open.order().number() + ": the substitute for Product " + open.original()
				+ " is about to expire";
		MimeMessage reminder = only(open.email(), subject);
		assertThat(reminders(open)).as("one reminder however often the job runs").isEqualTo(1);
		assertThat(reminders(declined)).as("a decided offer needs no reminder").isZero();
		assertThat(reminders(far)).as("an offer far from its end gets none yet").isZero();
		assertThat(subjects(declined.email())).noneMatch((title) -> title.contains("about to expire"));
		assertThat(subjects(far.email())).noneMatch((title) -> title.contains("about to expire"));

		String text = MailTestSupport.content(reminder, "text/plain");
		assertThat(text).contains(
				"Our offer of Product " + open.substitute() + " instead of Product " + open.original() + " ends soon.",
				"The offer stands until");
		String link = MailTestSupport.link(text, "See the offer: ");
		Browser browser = Browser.of(this.http);
		Browser.Page landed = browser.get(link.substring(link.indexOf("/o/")));
		String focus = "?focus=accept-offer-" + open.offer().id();
		assertThat(landed.status()).isEqualTo(HttpStatus.SEE_OTHER);
		assertThat(landed.location())
			.isEqualTo("/orders/" + open.order().number() + focus + "#offer-" + open.offer().id());
		Browser.Page page = browser.get(landed.location());
		assertThat(page.status()).isEqualTo(HttpStatus.OK);
		assertThat(tag(page.body(), "id=\"offer-" + open.offer().id() + "\"")).contains("focused");
		assertThat(page.body()).contains("Do you want this substitute?", "Accept the substitute");
		assertThat(this.substitutions.openOffers(open.order().id()).block(MailTestSupport.TIMEOUT))
			.as("opening the link decided nothing")
			.singleElement()
			.satisfies((offer) -> assertThat(offer.status()).isEqualTo(OfferStatus.OFFERED));
		assertThat(this.shop.find(open.order().number()).lines()).hasSize(1);
	}

	@Test
	void whenCustomerServiceAcceptsForTheCustomerThenTheEmailSaysWhoDidIt() {
		Offered offered = offer("katherine", Duration.ofDays(7));
		dispatch();
		int before = this.mail.messagesTo(offered.email()).size();
		this.substitutions.accept(offered.order().number(), offered.offer().id(), Actors.staff("rep"))
			.block(MailTestSupport.TIMEOUT);
		this.clock.advance(this.settings.coalescingWindow().plusMinutes(1));
		dispatch();
		List<MimeMessage> received = this.mail.await(offered.email(), before + 1, MailTestSupport.TIMEOUT);
		String text = MailTestSupport.content(received.get(received.size() - 1), "text/plain");
		assertThat(text).contains("Accepted for you by our customer service, as agreed with you.",
				"Replaces Product " + offered.original());
	}

	/**
	 * Places an order for a product out of stock and offers one in stock instead, to
	 * expire after the given time.
	 */
	private Offered offer(String name, Duration expiresIn) {
		String original = this.shop.product("RETRO-" + name.toUpperCase(), 2999, 0);
		String substitute = this.shop.product("CLASSIC-" + name.toUpperCase(), 3499, 5);
		String email = this.shop.unique(name) + "@example.com";
		OrderView order = this.orders
			.place(new PlaceOrder(this.shop.unique("BO-" + name.toUpperCase()), email, "Ada Lovelace",
					List.of(new PlaceOrder.Line(original, 1))), "test")
			.block(MailTestSupport.TIMEOUT)
			.order();
		// the confirmation goes first: an offer made before it would be told in it
		dispatch();
		this.mail.await(email, 1, MailTestSupport.TIMEOUT);
		Instant expiresAt = this.clock.instant().plus(expiresIn);
		OfferView offer = this.substitutions
			.offer(new NewOffer(order.number(), order.lines().get(0).id(), substitute, 1, "Same size, brushed steel",
					expiresAt), "rep")
			.block(MailTestSupport.TIMEOUT);
		return new Offered(order, original, substitute, email, offer);
	}

	/** The start tag that carries an attribute. */
	private static String tag(String html, String attribute) {
		int at = html.indexOf(attribute);
		assertThat(at).as("an element with " + attribute).isNotNegative();
		return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
	}

	private long reminders(Offered offered) {
		return this.shop
			.count("select count(*) from mail_outbox where status = 'SENT' and 'OFFER_EXPIRING' = any(contents)"
					+ " and order_id = " + offered.order().id());
	}

	private List<String> subjects(String email) {
		return this.mail.messagesTo(email)
			.stream()
			.map((message) -> MailTestSupport.header(message, "Subject"))
			.toList();
	}

	private MimeMessage only(String email, String subject) {
		List<MimeMessage> found = this.mail.messagesTo(email)
			.stream()
			.filter((message) -> MailTestSupport.header(message, "Subject").equals(subject))
			.toList();
		assertThat(found).as("e-mails to " + email + " titled '" + subject + "'").hasSize(1);
		return found.get(0);
	}

	private void remind() {
		this.jobs.offerReminders().block(MailTestSupport.TIMEOUT);
	}

	private void dispatch() {
		this.dispatcher.dispatchDue().block(MailTestSupport.TIMEOUT);
	}

	private record Offered(OrderView order, String original, String substitute, String email, OfferView offer) {
	}

}
