package com.backorderdesk.staff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import reactor.test.StepVerifier;

import com.backorderdesk.Browser;
import com.backorderdesk.MappedRoutes;
import com.backorderdesk.TestShop;
import com.backorderdesk.integration.WebhookEndpoints;
import com.backorderdesk.orders.OrderChoices;
import com.backorderdesk.orders.OrderLineView;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.security.StaffAccounts;
import com.backorderdesk.security.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff route, as the application maps it, asked by every kind of caller:
 * anonymous, a customer who has looked up an order, and staff with each role. The
 * expected answer comes from the rules (path prefix to role), not from the routes, so a
 * route added later is checked without touching this test.
 *
 * <p>
 * GET routes are answered when the role allows them, with real ids in their path; POST
 * routes are sent with a valid CSRF token and an empty form, so what refuses them is the
 * authorization, and what accepts them must answer bad input without a server error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class StaffAuthorizationMatrixTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String PASSWORD = "matrix passphrase 1";

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:/]+)(:[^}]*)?}");

	/**
	 * The rules, as SecurityConfiguration states them: path prefix to the role needed.
	 */
	private static final Map<String, StaffRole> PREFIX_ROLES = Map.of("/staff/restocks", StaffRole.PLANNER,
			"/staff/promises", StaffRole.PLANNER, "/staff/orders", StaffRole.REP, "/staff/substitutions", StaffRole.REP,
			"/staff/outbox", StaffRole.REP, "/staff/refunds", StaffRole.REP, "/staff/admin", StaffRole.ADMIN);

	@Autowired
	private WebTestClient http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private StaffAccounts accounts;

	@Autowired
	private ApplicationContext context;

	@TestFactory
	Stream<DynamicTest> everyStaffRouteAnswersEveryCallerAsTheRulesSay() {
		List<Route> routes = staffRoutes();
		assertThat(routes).as("staff routes found")
			.extracting(Route::pattern)
			.contains("/staff", "/staff/login", "/staff/dashboard/events", "/staff/admin/users", "/staff/admin/audit");
		Fixtures fixtures = fixtures();
		Map<Caller, Browser> browsers = new LinkedHashMap<>();
		for (Caller caller : Caller.values()) {
			browsers.put(caller, browserFor(caller, fixtures));
		}
		List<DynamicTest> tests = new ArrayList<>();
		for (Route route : routes) {
			for (Caller caller : Caller.values()) {
				tests.add(DynamicTest.dynamicTest(route.method() + " " + route.pattern() + " as " + caller,
						() -> check(route, caller, browsers.get(caller), fixtures)));
			}
		}
		return tests.stream();
	}

	private void check(Route route, Caller caller, Browser browser, Fixtures fixtures) {
		Path path = fixtures.path(route.pattern());
		Answer answer = ask(route, path.uri(), browser);
		String where = route.method() + " " + path.uri() + " as " + caller + " answered " + answer.status() + " "
				+ answer.location();
		if (route.pattern().equals("/staff/login")) {
			if (caller.staff()) {
				assertThat(answer.redirectTo("/staff")).as(where).isTrue();
			}
			else {
				assertThat(answer.status().value()).as(where).isEqualTo(200);
			}
			return;
		}
		if (!caller.staff()) {
			assertThat(answer.redirectTo("/staff/login")).as(where + ", expected a redirect to the login page")
				.isTrue();
			return;
		}
		if (!allowed(caller, route.pattern())) {
			assertThat(answer.status()).as(where + ", expected 403").isEqualTo(HttpStatus.FORBIDDEN);
			return;
		}
		assertThat(answer.status().is5xxServerError()).as(where + ", expected no server error").isFalse();
		assertThat(answer.status().value()).as(where + ", expected to be let in").isNotIn(401, 403);
		assertThat(answer.redirectTo("/staff/login")).as(where + ", expected to be let in").isFalse();
		if (route.method() == HttpMethod.GET && path.known()) {
			assertThat(answer.status().is2xxSuccessful() || answer.status().is3xxRedirection())
				.as(where + ", expected the page")
				.isTrue();
			if (route.stream()) {
				assertThat(answer.contentType()).as(where).isNotNull();
				assertThat(MediaType.TEXT_EVENT_STREAM.isCompatibleWith(answer.contentType())).as(where).isTrue();
			}
		}
	}

	private Answer ask(Route route, String uri, Browser browser) {
		if (route.method() == HttpMethod.GET && route.stream()) {
			FluxExchangeResult<String> result = this.http.get()
				.uri(uri)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.cookies((jar) -> browser.cookies().forEach(jar::add))
				.exchange()
				.returnResult(String.class);
			// the headers are enough; leave the stream at once
			StepVerifier.create(result.getResponseBody()).thenCancel().verify(TIMEOUT);
			return new Answer(result.getStatus(), result.getResponseHeaders());
		}
		Browser.Page page = (route.method() == HttpMethod.GET) ? browser.get(uri) : browser.post(uri);
		return new Answer(page.status(), page.headers());
	}

	private static boolean allowed(Caller caller, String pattern) {
		StaffRole needed = PREFIX_ROLES.entrySet()
			.stream()
			.filter((rule) -> pattern.equals(rule.getKey()) || pattern.startsWith(rule.getKey() + "/"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
		return needed == null || caller.role() == StaffRole.ADMIN || caller.role() == needed;
	}

	/** Every handler method mapped under /staff, once per pattern and HTTP method. */
	private List<Route> staffRoutes() {
		Set<Route> routes = new TreeSet<>();
		for (MappedRoutes.Mapped mapped : MappedRoutes.of(this.mappings)) {
			String text = mapped.pattern();
			if ((text.equals("/staff") || text.startsWith("/staff/"))
					&& (mapped.method() == HttpMethod.GET || mapped.method() == HttpMethod.POST)) {
				routes.add(new Route(mapped.method(), text, mapped.stream()));
			}
		}
		return new ArrayList<>(routes);
	}

	private Browser browserFor(Caller caller, Fixtures fixtures) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Browser browser = new Browser(this.http, "10.6." + random.nextInt(256) + "." + random.nextInt(256));
		if (caller == Caller.CUSTOMER) {
			Browser.Page found = browser.lookUp(fixtures.orderNumber(), fixtures.email());
			assertThat(found.location()).as("customer lookup").endsWith("/orders/" + fixtures.orderNumber());
			// the order page's forms carry the session's CSRF token
			assertThat(browser.get(found.location()).status()).isEqualTo(HttpStatus.OK);
		}
		else if (caller.role() != null) {
			String username = caller.name().toLowerCase() + "-matrix-" + Integer.toHexString(random.nextInt());
			this.accounts.create(username, "Matrix " + caller, EnumSet.of(caller.role()), PASSWORD).block(TIMEOUT);
			assertThat(browser.logIn(username, PASSWORD).location()).as("login").endsWith("/staff");
			// a page after login: the CSRF token of the new session
			assertThat(browser.get("/staff").status()).isEqualTo(HttpStatus.OK);
		}
		else {
			browser.get("/staff/login");
		}
		return browser;
	}

	/**
	 * Rows to put in paths: one order with a waiting line and an offer, a restock, an
	 * account.
	 */
	private Fixtures fixtures() {
		TestShop shop = new TestShop(this.context);
		TestShop.OfferedOrder offered = shop.offeredOrder("MATRIX");
		OrderView order = offered.order();
		String number = offered.number();
		String email = offered.email();
		String waiting = offered.waitingSku();
		long offerId = offered.offerId();
		long restockId = offered.restockId();
		OrderLineView line = order.lines().get(0);
		long staffId = this.accounts
			.create(shop.unique("matrix-target"), "Matrix Target", EnumSet.of(StaffRole.REP), PASSWORD)
			.block(TIMEOUT)
			.id();
		long noteId = shop.count("insert into order_note (order_id, author, body) values (" + order.id()
				+ ", 'test', 'Matrix note') returning id");
		// a webhook endpoint on a closed port of this machine, a delivery to it, a refund
		WebhookEndpoints webhooks = this.context.getBean(WebhookEndpoints.class);
		long endpointId = webhooks.create("http://127.0.0.1:9/matrix", List.of("refund.due"), "", "test")
			.block(TIMEOUT)
			.endpoint()
			.id();
		long deliveryId = webhooks.sendTest(endpointId, "test").block(TIMEOUT);
		OrderView refunded = shop.order("MATRIX-REFUND", shop.product("MATRIX-REFUND", 1000, 0), 1);
		this.context.getBean(OrderChoices.class)
			.cancelWaiting(refunded.number(), refunded.lines().get(0).id(), "customer")
			.block(TIMEOUT);
		long refundId = shop.count("select id from refund where order_id = " + refunded.id());
		Map<String, String> values = new HashMap<>();
		values.put("deliveryid", Long.toString(deliveryId));
		for (String name : List.of("number", "ordernumber", "order")) {
			values.put(name, number);
		}
		values.put("orderid", Long.toString(order.id()));
		values.put("sku", waiting);
		values.put("lineid", Long.toString(line.id()));
		values.put("line", Long.toString(line.id()));
		values.put("offerid", Long.toString(offerId));
		values.put("offer", Long.toString(offerId));
		values.put("restockid", Long.toString(restockId));
		values.put("restock", Long.toString(restockId));
		values.put("noteid", Long.toString(noteId));
		for (String name : List.of("userid", "user", "staffid", "accountid", "account")) {
			values.put(name, Long.toString(staffId));
		}
		Map<String, String> ids = Map.of("/staff/restocks/", Long.toString(restockId), "/staff/admin/users/",
				Long.toString(staffId), "/staff/orders/", number, "/staff/admin/webhooks/", Long.toString(endpointId),
				"/staff/refunds/", Long.toString(refundId));
		return new Fixtures(number, email, values, ids);
	}

	/** Who asks. */
	enum Caller {

		ANONYMOUS(null), CUSTOMER(null), REP(StaffRole.REP), PLANNER(StaffRole.PLANNER), ADMIN(StaffRole.ADMIN);

		private final @Nullable StaffRole role;

		Caller(@Nullable StaffRole role) {
			this.role = role;
		}

		@Nullable StaffRole role() {
			return this.role;
		}

		boolean staff() {
			return this.role != null;
		}

	}

	record Route(HttpMethod method, String pattern, boolean stream) implements Comparable<Route> {

		@Override
		public int compareTo(Route other) {
			int byPattern = this.pattern.compareTo(other.pattern);
			return (byPattern != 0) ? byPattern : this.method.name().compareTo(other.method.name());
		}

	}

	record Path(String uri, boolean known) {
	}

	record Answer(HttpStatusCode status, HttpHeaders headers) {

		String location() {
			String location = this.headers.getFirst(HttpHeaders.LOCATION);
			return (location != null) ? location : "";
		}

		boolean redirectTo(String path) {
			return this.status.is3xxRedirection() && (location().equals(path) || location().endsWith("//" + path)
					|| location().matches("https?://[^/]+" + Pattern.quote(path)));
		}

		@Nullable MediaType contentType() {
			return this.headers.getContentType();
		}

	}

	/**
	 * Real values for path variables, by variable name, or for a plain {@code {id}} by
	 * the path before it.
	 */
	record Fixtures(String orderNumber, String email, Map<String, String> values, Map<String, String> ids) {

		Path path(String pattern) {
			Matcher matcher = VARIABLE.matcher(pattern);
			StringBuilder uri = new StringBuilder();
			boolean known = true;
			while (matcher.find()) {
				String name = matcher.group(1).toLowerCase();
				String value = this.values.get(name);
				if (value == null && name.equals("id")) {
					String before = pattern.substring(0, matcher.start());
					value = this.ids.entrySet()
						.stream()
						.filter((prefix) -> before.equals(prefix.getKey()))
						.map(Map.Entry::getValue)
						.findFirst()
						.orElse(null);
				}
				if (value == null) {
					// a name this test does not know yet: authorization is still checked,
					// but the page may rightly say it has no such thing
					known = false;
					value = "1";
				}
				matcher.appendReplacement(uri, Matcher.quoteReplacement(value));
			}
			matcher.appendTail(uri);
			return new Path(uri.toString(), known);
		}

	}

}
