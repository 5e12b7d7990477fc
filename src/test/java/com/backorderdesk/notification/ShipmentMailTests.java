package com.backorderdesk.notification;

import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestMail;
import com.backorderdesk.TestShop;
import com.backorderdesk.orders.EmailPreference;
import com.backorderdesk.orders.NewShipment;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import com.backorderdesk.orders.Shipments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Shipped" e-mails through real SMTP: each partial shipment gets its own, naming what it
 * shipped, and they reach customers who want important e-mail only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.mail.scheduled=false")
@AutoConfigureWebTestClient
@Import(MailTestSupport.Config.class)
class ShipmentMailTests {

	@Autowired
	private MailDispatcher dispatcher;

	@Autowired
	private OrderService orders;

	@Autowired
	private OrderChoices choices;

	@Autowired
	private Shipments shipments;

	private final TestShop shop;

	private final TestMail mail = TestMail.get();

	ShipmentMailTests(@Autowired ApplicationContext context) {
		this.shop = new TestShop(context);
	}

	@Test
	void whenAnOrderShipsInTwoPartsThenEachShipmentGetsAnEmailNamingItsItemsEvenForImportantOnly() {
		String lamp = this.shop.product("LAMP", 1999, 5);
		String chair = this.shop.product("CHAIR", 4999, 5);
		String email = this.shop.unique("ada") + "@example.com";
		String number = this.shop.unique("BO");
		OrderView order = this.orders
			.place(new PlaceOrder(number, email, "Ada Lovelace",
					List.of(new PlaceOrder.Line(lamp, 2), new PlaceOrder.Line(chair, 1))), "test")
			.block(MailTestSupport.TIMEOUT)
			.order();
		this.choices.setEmailPreference(number, EmailPreference.IMPORTANT_ONLY, "customer")
			.block(MailTestSupport.TIMEOUT);
		ship(number, "SH-1", new NewShipment.Line(lamp, 1));
		dispatch();
		MimeMessage first = this.mail.await(email, 1, MailTestSupport.TIMEOUT).get(0);
		ship(number, "SH-2", new NewShipment.Line(lamp, 1), new NewShipment.Line(chair, 1));
		ship(number, "SH-2", new NewShipment.Line(lamp, 1), new NewShipment.Line(chair, 1));
		dispatch();
		List<MimeMessage> received = this.mail.await(email, 2, MailTestSupport.TIMEOUT);
		MimeMessage second = received.get(1);
		for (MimeMessage message : List.of(first, second)) {
			assertThat(MailTestSupport.header(message, "Subject")).isEqualTo("Order " + number + ": items shipped");
		}
		for (String body : List.of(MailTestSupport.content(first, "text/html"),
				MailTestSupport.content(first, "text/plain"))) {
			assertThat(body).contains("Hello Ada Lovelace,", "2 × Product " + lamp, "1 shipped.", "On its way to you.",
					"Now: 1 already shipped. In stock, being prepared.", "/o/");
			assertThat(body).doesNotContain("Product " + chair);
		}
		for (String body : List.of(MailTestSupport.content(second, "text/html"),
				MailTestSupport.content(second, "text/plain"))) {
			assertThat(body).contains("2 × Product " + lamp, "1 × Product " + chair, "1 shipped.");
		}
		dispatch();
		assertThat(this.mail.messagesTo(email)).as("the retried shipment sends nothing").hasSize(2);
		assertThat(this.shop.count(
				"select count(*) from mail_outbox where 'SHIPPED' = any(contents) and status = 'SENT' and order_id = "
						+ order.id()))
			.isEqualTo(2);
		assertThat(this.shop.count(
				"select count(*) from mail_outbox where 'CONFIRMATION' = any(contents) and order_id = " + order.id()))
			.as("no confirmation for a customer who wants only important e-mails")
			.isZero();
	}

	private void ship(String number, String shipmentId, NewShipment.Line... lines) {
		this.shipments.ship(number, new NewShipment(shipmentId, List.of(lines)), "warehouse")
			.block(MailTestSupport.TIMEOUT);
	}

	private void dispatch() {
		this.dispatcher.dispatchDue().block(MailTestSupport.TIMEOUT);
	}

}
