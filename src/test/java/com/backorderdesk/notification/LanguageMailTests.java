package com.backorderdesk.notification;

import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderPriority;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mails in the customer's language, through real SMTP: an order placed in German is
 * confirmed in German (words, dates, money), one without a language in English, and a
 * back-in-stock request made on a German page is answered in German.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.mail.scheduled=false")
@AutoConfigureWebTestClient
@Import(MailTestSupport.Config.class)
class LanguageMailTests {

	@Autowired
	private WebTestClient http;

	@Autowired
	private OrderService orders;

	private final MailScenario scenario;

	LanguageMailTests(@Autowired ApplicationContext context) {
		this.scenario = new MailScenario(context);
	}

	@Test
	void whenAnOrderIsPlacedInGermanThenItsEmailsAreInGerman() {
		String lamp = this.scenario.shop.product("LAMPE", 1999, 5);
		String chair = this.scenario.shop.product("STUHL", 4999, 0);
		this.scenario.restock(chair, 10, 10);
		String email = this.scenario.email("ada");
		OrderView order = this.orders
			.place(new PlaceOrder(this.scenario.shop.unique("DE"), email, "Ada Lovelace",
					List.of(new PlaceOrder.Line(lamp, 1), new PlaceOrder.Line(chair, 1)), null, OrderPriority.NORMAL,
					"de-DE"), "test")
			.block(MailTestSupport.TIMEOUT)
			.order();
		MimeMessage confirmation = this.scenario.received(email, 1);
		assertThat(MailScenario.subject(confirmation))
			.isEqualTo("Ihre Bestellung " + order.number() + ": was jetzt versandt wird und was wartet");
		String html = MailTestSupport.content(confirmation, "text/html");
		for (String body : List.of(MailScenario.text(confirmation), html)) {
			assertThat(body)
				.contains("Hallo Ada Lovelace,", "Danke für Ihre Bestellung", "Ein Artikel ist noch nicht auf Lager",
						"Auf Lager, wird vorbereitet.", "Nachbestellt, kommt zwischen")
				.doesNotContain("Hello", "In stock");
		}
		assertThat(html).contains("<html lang=\"de\"");
	}

	@Test
	void whenAnOrderHasNoLanguageThenItsEmailsAreInEnglish() {
		String lamp = this.scenario.shop.product("LAMP", 1999, 5);
		String email = this.scenario.email("grace");
		OrderView order = this.scenario.place(email, lamp);
		MimeMessage confirmation = this.scenario.received(email, 1);
		assertThat(MailScenario.subject(confirmation))
			.isEqualTo("Your order " + order.number() + ": what ships now and what waits");
		assertThat(MailTestSupport.content(confirmation, "text/html")).contains("<html lang=\"en\"");
	}

	@Test
	void whenBackInStockIsAskedOnAGermanPageThenTheEmailIsInGerman() {
		String rug = this.scenario.shop.product("TEPPICH", 4999, 0);
		String email = this.scenario.email("lin");
		Browser browser = Browser.of(this.http.mutate().defaultHeader("Accept-Language", "de-DE,de;q=0.9").build());
		assertThat(browser.get("/products/" + rug).body()).contains("Nicht auf Lager", "<html lang=\"de\"");
		assertThat(browser.post("/products/" + rug + "/notify", "email", email).status())
			.isEqualTo(HttpStatus.SEE_OTHER);
		this.scenario.supply.setOnHand(rug, 3, "test").block(MailTestSupport.TIMEOUT);
		MimeMessage back = this.scenario.received(email, 1);
		assertThat(MailScenario.subject(back)).isEqualTo("Product " + rug + " ist wieder da");
		assertThat(MailScenario.text(back)).contains("Hallo,", "Produkt ansehen");
	}

}
