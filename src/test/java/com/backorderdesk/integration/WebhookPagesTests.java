package com.backorderdesk.integration;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.backorderdesk.Browser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's webhook pages: adding an endpoint shows its secret once, a test event goes
 * out and shows in the delivery log with its status code, and the switch turns it off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class WebhookPagesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Pattern SECRET = Pattern.compile("value=\"(whsec_[^\"]+)\"");

	private static final Pattern ENDPOINT = Pattern.compile("/staff/admin/webhooks/(\\d+)");

	@Autowired
	private WebTestClient http;

	@Autowired
	private WebhookEndpoints endpoints;

	private WebhookReceiver receiver;

	@BeforeEach
	void noEndpoints() {
		// another test may have left one
		for (WebhookEndpoint endpoint : this.endpoints.list().block(TIMEOUT)) {
			this.endpoints.delete(endpoint.id(), "test").block(TIMEOUT);
		}
	}

	@AfterEach
	void deleteEndpoints() {
		for (WebhookEndpoint endpoint : this.endpoints.list().block(TIMEOUT)) {
			this.endpoints.delete(endpoint.id(), "test").block(TIMEOUT);
		}
		if (this.receiver != null) {
			this.receiver.close();
		}
	}

	@Test
	void anAdminAddsAnEndpointSeesItsSecretOnceSendsATestEventAndTurnsItOff() throws Exception {
		this.receiver = new WebhookReceiver();
		Browser admin = Browser.of(this.http);
		admin.logIn("admin", "admin");
		assertThat(admin.get("/staff/admin/webhooks").body()).contains("Add an endpoint", "refund.due");

		Browser.Page refused = admin.post("/staff/admin/webhooks", "url", "http://10.0.0.7/hooks", "eventTypes",
				"refund.due");
		assertThat(refused.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(refused.body()).contains("webhook-url-error", "private networks are not allowed");

		Browser.Page added = admin.post("/staff/admin/webhooks", "url", this.receiver.url(), "eventTypes", "refund.due",
				"eventTypes", "shipment.recorded", "description", "Warehouse");
		assertThat(added.status()).isEqualTo(HttpStatus.OK);
		Matcher secret = SECRET.matcher(added.body());
		assertThat(secret.find()).as("the secret on the page that answers the form").isTrue();
		this.receiver.secret(secret.group(1));
		Matcher endpoint = ENDPOINT.matcher(added.body());
		assertThat(endpoint.find()).isTrue();
		String page = "/staff/admin/webhooks/" + endpoint.group(1);
		assertThat(admin.get("/staff/admin/webhooks").body()).contains(this.receiver.url(), "Warehouse")
			.doesNotContain(secret.group(1));
		assertThat(admin.get(page).body()).doesNotContain(secret.group(1));

		assertThat(admin.post(page + "/test").location()).endsWith(page + "?notice=test");
		Instant until = Instant.now().plus(TIMEOUT);
		while (this.receiver.accepted().isEmpty() && Instant.now().isBefore(until)) {
			Thread.sleep(50);
		}
		assertThat(this.receiver.accepted()).singleElement().satisfies((one) -> {
			assertThat(one.type()).isEqualTo("webhook.test");
			assertThat(one.verified()).isTrue();
		});
		String log = "";
		while (!log.contains("200 in") && Instant.now().isBefore(until)) {
			log = admin.get(page).body();
		}
		assertThat(log).contains("webhook.test", "Delivered", "200 in");

		assertThat(admin.post(page + "/active", "version", "0", "active", "false").location())
			.endsWith(page + "?notice=disabled");
		assertThat(admin.get(page).body()).contains("Turn on");
		Browser.Page stale = admin.post(page + "/active", "version", "0", "active", "true");
		assertThat(stale.status()).isEqualTo(HttpStatus.CONFLICT);

		Browser rep = Browser.of(this.http);
		rep.logIn("rep", "rep");
		assertThat(rep.get("/staff/admin/webhooks").status()).isEqualTo(HttpStatus.FORBIDDEN);
	}

}
