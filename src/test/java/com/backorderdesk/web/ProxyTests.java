package com.backorderdesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import com.backorderdesk.Browser;
import com.backorderdesk.TestShop;
import com.backorderdesk.notification.BaseUrl;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.security.StaffAccounts;
import com.backorderdesk.security.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deployment behind a proxy: forwarded headers count only from trusted proxies (the tests
 * trust 127.0.0.1 and ::1; a client on another loopback address is someone else), HTTPS
 * reported by the proxy brings HSTS and Secure cookies, links use the configured address,
 * and slow clients cannot hold connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ProxyTests {

	@LocalServerPort
	private int port;

	@Autowired
	private WebTestClient http;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private BaseUrl baseUrl;

	private static final String STAFF_PASSWORD = "correct horse battery";

	@Test
	void whenAnUntrustedPeerForgesXForwardedForThenItStillSharesOneLookupLimit() {
		WebTestClient untrusted = fromAddress(randomLoopback());
		for (int i = 0; i < 10; i++) {
			lookUp(untrusted, "10.93.0." + i + ", 10.94.0." + i).expectStatus().isOk();
		}
		lookUp(untrusted, "10.95.0.1").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
	}

	@Test
	void whenATrustedProxyAppendsTheClientThenTheLimitKeysOnItAndNotOnWhatTheClientSent() {
		String real = "10.96." + ThreadLocalRandom.current().nextInt(256) + "."
				+ ThreadLocalRandom.current().nextInt(256);
		for (int i = 0; i < 10; i++) {
			// what the client sent first, then the address the proxy saw
			lookUp(this.http, "10.97.0." + i + ", " + real).expectStatus().isOk();
		}
		lookUp(this.http, "10.97.1.1, " + real).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		lookUp(this.http, "10.97.1.1, " + real + "x").expectStatus().isOk();
	}

	@Test
	void whenTheTrustedProxySaysHttpsThenHstsAndSecureCookiesFollowAndFromAnyoneElseNot() {
		OrderView order = new TestShop(this.context).order("PX", new TestShop(this.context).product("PX", 1000, 5), 1);
		this.http.post()
			.uri("/lookup")
			.header("X-Forwarded-For", "10.98.0.1")
			.header("X-Forwarded-Proto", "https")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("number=" + order.number() + "&email=test@example.com")
			.exchange()
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueMatches(HttpHeaders.SET_COOKIE,
					"ORDER_ACCESS=.*; Secure; HttpOnly; SameSite=Lax|ORDER_ACCESS=.*Secure.*")
			.expectHeader()
			.valueMatches("Strict-Transport-Security", "max-age=31536000.*");
		fromAddress(randomLoopback()).get()
			.uri("/")
			.header("X-Forwarded-Proto", "https")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Strict-Transport-Security");
		this.http.get().uri("/").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
	}

	@Test
	void whenStaffLogInThroughTheTrustedProxyOverHttpsThenTheirSessionCookieIsSecureAndOverHttpNot() {
		String rep = "proxy-" + UUID.randomUUID().toString().substring(0, 8);
		this.context.getBean(StaffAccounts.class)
			.create(rep, "Proxy Rep", EnumSet.of(StaffRole.REP), STAFF_PASSWORD)
			.block(Duration.ofSeconds(10));
		WebTestClient https = this.http.mutate().defaultHeader("X-Forwarded-Proto", "https").build();
		Browser.Page overHttps = new Browser(https, "10.99.0." + ThreadLocalRandom.current().nextInt(1, 255)).logIn(rep,
				STAFF_PASSWORD);
		assertThat(overHttps.location()).endsWith("/staff");
		assertThat(sessionCookie(overHttps)).contains("secure", "httponly", "samesite=lax", "path=/staff");
		Browser.Page overHttp = new Browser(this.http, "10.99.1." + ThreadLocalRandom.current().nextInt(1, 255))
			.logIn(rep, STAFF_PASSWORD);
		assertThat(overHttp.location()).endsWith("/staff");
		assertThat(sessionCookie(overHttp)).contains("httponly").doesNotContain("secure");
	}

	private static String sessionCookie(Browser.Page page) {
		return page.headers()
			.getOrEmpty(HttpHeaders.SET_COOKIE)
			.stream()
			.filter((cookie) -> cookie.startsWith("STAFF_SESSION="))
			.reduce((first, last) -> last)
			.map((cookie) -> cookie.toLowerCase(Locale.ROOT))
			.orElseThrow(() -> new AssertionError("no staff session cookie in " + page.headers()));
	}

	@Test
	void whenTheStaffOrderPageIsAskedWithAnotherHostThenTheCustomerLinkStillUsesTheConfiguredAddress() {
		OrderView order = new TestShop(this.context).order("PL", new TestShop(this.context).product("PL", 1000, 5), 1);
		Browser rep = Browser.of(this.http);
		rep.logIn("rep", "rep");
		String page = this.http.get()
			.uri("/staff/orders/" + order.number())
			.header(HttpHeaders.HOST, "evil.example")
			.header("X-Forwarded-Host", "evil.example")
			.cookies((jar) -> rep.cookies().forEach(jar::add))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("value=\"" + this.baseUrl.get() + "/o/").doesNotContain("evil.example/o/");
	}

	@Test
	void whenManyClientsSendHeadersSlowlyThenTheirConnectionsCloseWithinTheHeaderTimeout() throws IOException {
		List<Socket> sockets = new ArrayList<>();
		long started = System.nanoTime();
		try {
			for (int i = 0; i < 200; i++) {
				Socket socket = new Socket();
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
				socket.setSoTimeout(1);
				socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
				sockets.add(socket);
			}
			// a header a byte at a time, never finished: only the header timeout (2s in
			// tests) ends these; the idle timeout would not, as each byte restarts it.
			// The
			// wait is generous for a loaded box, where connecting 200 clients alone may
			// take seconds
			int open = sockets.size();
			while (open > 0 && Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30) {
				open = 0;
				for (Socket socket : sockets) {
					if (!isClosed(socket)) {
						open++;
						drip(socket.getOutputStream());
					}
				}
			}
			assertThat(open).as("connections still open after 30 s").isZero();
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
		// and the server still answers
		this.http.get().uri("/").exchange().expectStatus().isOk();
	}

	private static void drip(OutputStream out) {
		try {
			out.write('X');
			out.flush();
		}
		catch (IOException ex) {
			// closed by the server
		}
	}

	private static boolean isClosed(Socket socket) {
		try {
			InputStream in = socket.getInputStream();
			return in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private WebTestClient.ResponseSpec lookUp(WebTestClient client, String forwardedFor) {
		// a new order number each time: only the client's limit counts up
		return client.post()
			.uri("/lookup")
			.header("X-Forwarded-For", forwardedFor)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("number=NONE-" + UUID.randomUUID().toString().substring(0, 8) + "&email=nobody@example.com")
			.exchange();
	}

	private WebTestClient fromAddress(String address) {
		HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
			.baseUrl("http://127.0.0.1:" + this.port)
			.build();
	}

	/** A loopback address of this test's own, which the tests do not trust. */
	private static String randomLoopback() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "127." + (1 + random.nextInt(250)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(250));
	}

}
