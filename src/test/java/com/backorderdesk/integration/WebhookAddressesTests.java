package com.backorderdesk.integration;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where webhooks may go: the rule for an endpoint's URL, and the check on every address a
 * connection opens to, which also stops a public name that resolves to this machine.
 */
class WebhookAddressesTests {

	private static WebhookSettings settings(boolean allowLoopback) {
		return new WebhookSettings(allowLoopback, Duration.ofSeconds(1), 10, 2, Duration.ofSeconds(2),
				Duration.ofSeconds(2), Duration.ofSeconds(30), 3, Duration.ofMillis(100), Duration.ofSeconds(1), 10);
	}

	@Test
	void inProductionOnlyHttpsAddressesOnThePublicInternetAreAllowed() throws Exception {
		WebhookAddresses production = new WebhookAddresses(settings(false));
		assertThat(production.check("url", " https://erp.example.com/hooks?x=1 "))
			.isEqualTo("https://erp.example.com/hooks?x=1");
		assertThat(production.check("url", "https://203.0.113.9:8443/hooks"))
			.isEqualTo("https://203.0.113.9:8443/hooks");
		for (String refused : new String[] { "http://erp.example.com/hooks", "https://localhost/hooks",
				"http://127.0.0.1:8080/hooks", "https://[::1]/hooks", "https://10.0.0.1/x", "https://172.16.5.4/x",
				"https://192.168.1.1/x", "https://169.254.169.254/latest", "https://100.64.0.1/x", "https://0.0.0.0/x",
				"https://[fc00::1]/x", "https://[::ffff:127.0.0.1]/x", "https://erp.local/x", "https://db/x",
				"https://localhost./x", "https://api.localhost../x", "https://127.0.0.1./x", "https://erp.local./x",
				"https://db./x", "https://erp.example.com/x#part", "https://a:b@erp.example.com/x" }) {
			assertThatThrownBy(() -> production.check("url", refused)).as(refused)
				.isInstanceOf(InvalidValueException.class);
		}
		assertThat(production.refused(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(production.refused(InetAddress.getByName("10.1.1.1"))).isTrue();
		assertThat(production.refused(InetAddress.getByName("203.0.113.9"))).isFalse();
	}

	@Test
	void forDevelopmentThisMachineMayBeAllowedOverHttpButNeverAPrivateNetwork() throws Exception {
		WebhookAddresses development = new WebhookAddresses(settings(true));
		assertThat(development.check("url", "http://127.0.0.1:9000/hooks")).isEqualTo("http://127.0.0.1:9000/hooks");
		assertThat(development.check("url", "http://localhost:9000/hooks")).isEqualTo("http://localhost:9000/hooks");
		assertThatThrownBy(() -> development.check("url", "http://192.168.1.1/x"))
			.isInstanceOf(InvalidValueException.class);
		assertThat(development.refused(InetAddress.getByName("127.0.0.1"))).isFalse();
		assertThat(development.refused(InetAddress.getByName("192.168.1.1"))).isTrue();
	}

	@Test
	void aConnectionToAnAddressThatIsNotAllowedIsNeverOpenedWhateverTheUrlSaid() throws Exception {
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			WebhookSender sender = new WebhookSender(settings(false), new WebhookAddresses(settings(false)),
					Clock.systemUTC());
			try {
				StepVerifier.create(sender.send(new WebhookStore.ClaimedDelivery(1, 1, 1, "msg_1", "{}", receiver.url(),
						"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
					.assertNext((outcome) -> {
						assertThat(outcome.delivered()).isFalse();
						assertThat(outcome.statusCode()).isNull();
						assertThat(outcome.error()).contains("Refused to connect to 127.0.0.1");
					})
					.expectComplete()
					.verify(Duration.ofSeconds(10));
				assertThat(receiver.received()).isEmpty();
			}
			finally {
				sender.destroy();
			}
			WebhookSender allowed = new WebhookSender(settings(true), new WebhookAddresses(settings(true)),
					Clock.systemUTC());
			try {
				receiver.secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
				StepVerifier
					.create(allowed.send(new WebhookStore.ClaimedDelivery(1, 1, 1, "msg_1", "{\"type\":\"x\"}",
							receiver.url(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")))
					.assertNext((outcome) -> assertThat(outcome.statusCode()).isEqualTo(200))
					.expectComplete()
					.verify(Duration.ofSeconds(10));
				assertThat(receiver.received()).singleElement().satisfies((one) -> {
					assertThat(one.verified()).isTrue();
					assertThat(one.hmacMatches()).isTrue();
				});
			}
			finally {
				allowed.destroy();
			}
		}
	}

}
