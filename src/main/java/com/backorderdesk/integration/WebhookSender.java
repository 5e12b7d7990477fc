package com.backorderdesk.integration;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Posts one delivery to its endpoint, signed as the Standard Webhooks specification says:
 * {@code webhook-id} (the message's id, the same on every attempt),
 * {@code webhook-timestamp} (this attempt, in seconds) and {@code webhook-signature}:
 * {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret's
 * bytes (the base64 after {@code whsec_}), computed by the specification's own Java
 * library.
 *
 * <p>
 * Webhooks have their own event loop and connection pool, apart from the server's and the
 * rest of the application's: an endpoint that hangs holds one of its connections until
 * the timeout, never a thread anyone else needs. Redirects are not followed, and every
 * connection is checked against {@link WebhookAddresses} after its name is resolved,
 * before it opens.
 */
@Component
class WebhookSender implements DisposableBean {

	private static final int MAX_ERROR = 500;

	private final WebClient client;

	private final LoopResources loops;

	private final ConnectionProvider connections;

	private final WebhookSettings settings;

	private final Clock clock;

	WebhookSender(WebhookSettings settings, WebhookAddresses addresses, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.loops = LoopResources.create("webhooks", 1, true);
		this.connections = ConnectionProvider.builder("webhooks")
			.maxConnections(500)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		HttpClient http = HttpClient.create(this.connections)
			.runOn(this.loops)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
			.responseTimeout(settings.responseTimeout())
			.followRedirect(false)
			.doOnChannelInit((observer, channel, remote) -> channel.pipeline()
				.addFirst("webhook-address-check", new AddressCheck(addresses)));
		this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
	}

	/**
	 * Sends one delivery.
	 * @param delivery the delivery
	 * @return what came of it; never an error
	 */
	Mono<Outcome> send(WebhookStore.ClaimedDelivery delivery) {
		return Mono.defer(() -> {
			Instant started = this.clock.instant();
			long timestamp = started.getEpochSecond();
			String signature;
			try {
				signature = new Webhook(delivery.secret()).sign(delivery.webhookId(), timestamp, delivery.payload());
			}
			catch (WebhookSigningException | EmptyWebhookSecretException | RuntimeException ex) {
				return Mono.just(new Outcome(started, null, "Cannot sign: " + ex.getMessage(), 0));
			}
			return this.client.post()
				.uri(URI.create(delivery.url()))
				.contentType(MediaType.APPLICATION_JSON)
				.header("webhook-id", delivery.webhookId())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature", signature)
				.header(HttpHeaders.USER_AGENT, "BackorderDesk-Webhooks/1")
				.bodyValue(delivery.payload().getBytes(StandardCharsets.UTF_8))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				// the client's own timeouts end a hanging endpoint; this ends anything
				// else
				.timeout(this.settings.connectTimeout().plus(this.settings.responseTimeout()).plusSeconds(5))
				.map((status) -> new Outcome(started, status, (status / 100 == 2) ? null : "HTTP " + status,
						elapsed(started)))
				.onErrorResume((ex) -> Mono.just(new Outcome(started, null, describe(ex), elapsed(started))));
		});
	}

	private long elapsed(Instant started) {
		return Math.max(0, Duration.between(started, this.clock.instant()).toMillis());
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof RefusedAddressException)) {
			cause = cause.getCause();
		}
		String what;
		if (cause instanceof RefusedAddressException) {
			what = cause.getMessage();
		}
		else if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
			what = "No answer in time";
		}
		else if (cause instanceof ConnectException) {
			what = "Cannot connect: " + cause.getMessage();
		}
		else {
			what = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		}
		return (what.length() > MAX_ERROR) ? what.substring(0, MAX_ERROR) : what;
	}

	@Override
	public void destroy() {
		this.connections.disposeLater().then(this.loops.disposeLater()).subscribe();
	}

	/**
	 * What one attempt came to.
	 *
	 * @param attemptedAt when it started
	 * @param statusCode what the endpoint answered, if it answered
	 * @param error why it failed; {@code null} when it answered 2xx
	 * @param durationMillis how long it took
	 */
	record Outcome(Instant attemptedAt, @Nullable Integer statusCode, @Nullable String error, long durationMillis) {

		boolean delivered() {
			return this.error == null;
		}

	}

	/**
	 * Refuses a connection to an address webhooks may not reach, once the name is
	 * resolved and before anything is sent.
	 */
	private static final class AddressCheck extends ChannelOutboundHandlerAdapter {

		private final WebhookAddresses addresses;

		AddressCheck(WebhookAddresses addresses) {
			this.addresses = addresses;
		}

		@Override
		public void connect(ChannelHandlerContext context, SocketAddress remote, @Nullable SocketAddress local,
				ChannelPromise promise) throws Exception {
			if (remote instanceof InetSocketAddress address && address.getAddress() != null
					&& this.addresses.refused(address.getAddress())) {
				promise.setFailure(new RefusedAddressException(address));
				context.close();
				return;
			}
			super.connect(context, remote, local, promise);
		}

	}

	/** A connection to an address webhooks may not reach. */
	static final class RefusedAddressException extends ConnectException {

		RefusedAddressException(InetSocketAddress address) {
			super("Refused to connect to " + address.getAddress().getHostAddress()
					+ ": webhooks never go to addresses of this server or of private networks");
		}

	}

}
