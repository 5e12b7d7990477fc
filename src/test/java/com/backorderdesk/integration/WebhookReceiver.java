package com.backorderdesk.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on 127.0.0.1 that receives webhooks the way a shop's system would:
 * it verifies each signature with the secret it was given (with the Standard Webhooks
 * library and, independently, with a plain HMAC), answers with the status it is told to,
 * after the delay it is told to, and keeps every request it saw.
 */
final class WebhookReceiver implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicReference<IntSupplier> status = new AtomicReference<>(() -> 200);

	private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	private volatile String secret = "";

	WebhookReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		this.server.createContext("/hooks", this::handle);
		this.server.setExecutor(this.threads);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	void secret(String secret) {
		this.secret = secret;
	}

	/** Answers every request with this status from now on. */
	void answer(int code) {
		this.status.set(() -> code);
	}

	/** Waits this long before answering each request. */
	void delay(Duration delay) {
		this.delay.set(delay);
	}

	/** Requests being answered now (waiting out their delay). */
	int inFlight() {
		return this.inFlight.get();
	}

	int mostInFlight() {
		return this.mostInFlight.get();
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	/** The requests answered 2xx, in the order they arrived. */
	List<Received> accepted() {
		return this.received.stream().filter((one) -> one.status() / 100 == 2).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		int now = this.inFlight.incrementAndGet();
		this.mostInFlight.accumulateAndGet(now, Math::max);
		try (InputStream in = exchange.getRequestBody()) {
			String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			Duration wait = this.delay.get();
			if (!wait.isZero()) {
				Thread.sleep(wait.toMillis());
			}
			int code = this.status.get().getAsInt();
			Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
			this.received.add(new Received(Instant.now(), headers, body, code, verified(body, exchange),
					plainHmacMatches(body, exchange)));
			exchange.sendResponseHeaders(code, -1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exchange.sendResponseHeaders(500, -1);
		}
		finally {
			this.inFlight.decrementAndGet();
			exchange.close();
		}
	}

	private boolean verified(String body, HttpExchange exchange) {
		try {
			new Webhook(this.secret).verify(body, exchange.getRequestHeaders());
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	/** The signature as the specification defines it, computed without its library. */
	private boolean plainHmacMatches(String body, HttpExchange exchange) {
		try {
			String id = exchange.getRequestHeaders().getFirst("webhook-id");
			String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
			String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
			byte[] key = java.util.Base64.getDecoder().decode(this.secret.substring("whsec_".length()));
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
			String expected = "v1," + java.util.Base64.getEncoder()
				.encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
			return expected.equals(signature);
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
	}

	/**
	 * One request as received.
	 *
	 * @param at when it arrived
	 * @param headers its headers
	 * @param body its body
	 * @param status what it was answered
	 * @param verified whether the Standard Webhooks library verified its signature
	 * @param hmacMatches whether a plain HMAC-SHA256 of id.timestamp.body matches it
	 */
	record Received(Instant at, Map<String, List<String>> headers, String body, int status, boolean verified,
			boolean hmacMatches) {

		String webhookId() {
			List<String> ids = this.headers.get("Webhook-id");
			return (ids != null) ? ids.get(0) : "";
		}

		JsonNode json() {
			return json.readTree(this.body);
		}

		String type() {
			return json().get("type").asString();
		}

		JsonNode data() {
			return json().get("data");
		}

		String orderNumber() {
			JsonNode order = data().get("order");
			return (order != null) ? order.get("number").asString() : "";
		}

	}

	static List<String> types(List<Received> received) {
		List<String> types = new ArrayList<>();
		received.forEach((one) -> types.add(one.type()));
		return types;
	}

}
