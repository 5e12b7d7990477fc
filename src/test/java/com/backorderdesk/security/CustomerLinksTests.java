package com.backorderdesk.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.catalog.CatalogService;
import com.backorderdesk.catalog.Product;
import com.backorderdesk.orders.OrderService;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.PlaceOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Signed links: what they bind, and what a link that has run out shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CustomerLinksTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Autowired
	private CustomerLinks links;

	@Autowired
	private LinkSecret secret;

	@Autowired
	private CatalogService catalog;

	@Autowired
	private OrderService orders;

	private final String run = UUID.randomUUID().toString().substring(0, 12);

	@Test
	void whenLinkHasExpiredThenFriendlyPageWithTheLookupFormAndNoAccess() {
		OrderView order = order();
		byte[] key = this.secret.key().block(TIMEOUT);
		String expired = "/o/"
				+ CustomerLinks.token(order.id(), 0, Instant.now().minusSeconds(60), CustomerLinks.VIEW, key);
		this.http.get()
			.uri(expired)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.GONE)
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectBody(String.class)
			.value((body) -> org.assertj.core.api.Assertions.assertThat(body)
				.contains("This link has expired", "name=\"number\""));
		StepVerifier.create(this.links.verify(expired.substring(3), CustomerLinks.VIEW))
			.expectNext(LinkCheck.invalid(LinkCheck.Outcome.EXPIRED))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void whenLinkIsForAnotherPurposeOrAnotherKeyThenItIsInvalid() {
		OrderView order = order();
		String other = this.links.linkFor(order.id(), "UNSUBSCRIBE").block(TIMEOUT);
		StepVerifier.create(this.links.verify(other.substring(3), CustomerLinks.VIEW))
			.expectNext(LinkCheck.invalid(LinkCheck.Outcome.INVALID))
			.expectComplete()
			.verify(TIMEOUT);
		String forged = CustomerLinks.token(order.id(), 0, Instant.now().plusSeconds(600), CustomerLinks.VIEW,
				new byte[32]);
		StepVerifier.create(this.links.verify(forged, CustomerLinks.VIEW))
			.expectNext(LinkCheck.invalid(LinkCheck.Outcome.INVALID))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier
			.create(this.links.verify(this.links.linkFor(order.id(), CustomerLinks.VIEW).block(TIMEOUT).substring(3),
					CustomerLinks.VIEW))
			.expectNext(LinkCheck.valid(order.id(), order.number(), 0))
			.expectComplete()
			.verify(TIMEOUT);
	}

	private OrderView order() {
		String sku = "L-" + this.run;
		this.catalog.upsert(new Product(sku, "Link Lamp", "Test", Map.of(), 100, "EUR")).block(TIMEOUT);
		return this.orders
			.place(new PlaceOrder("L-" + this.run, "links@example.com", "Link Tester",
					List.of(new PlaceOrder.Line(sku, 1))), "test")
			.block(TIMEOUT)
			.order();
	}

}
