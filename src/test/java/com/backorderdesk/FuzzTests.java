package com.backorderdesk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import com.backorderdesk.security.StaffAccounts;
import com.backorderdesk.security.StaffRole;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of malformed requests over every route the application maps and every form its
 * pages show, none of which may get a server error. Routes come from the handler mapping
 * and form fields from the rendered pages, so a new route or field is fuzzed without
 * touching this test. Staff routes are asked as an admin, customer routes as a customer
 * who looked up an order, the API with the test key; forms carry their CSRF token.
 *
 * <p>
 * The requests follow from one seed, printed at the start and with every failure: run
 * again with {@code -Dfuzz.seed=<seed>} to send the same requests, and add
 * {@code -Dfuzz.only=<n>} to send only request {@code n}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class FuzzTests {

	private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());

	private static final int ONLY = Integer.getInteger("fuzz.only", -1);

	private static final int PER_ROUTE = Integer.getInteger("fuzz.perRoute", 20);

	/** Requests sent at once: answers wait on the database more than on the CPU. */
	private static final int SENDERS = 4;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** How long an accepted event stream may stay quiet before the fuzzing moves on. */
	private static final Duration STREAM_WAIT = Duration.ofMillis(500);

	private static final String API_KEY = "test-api-key";

	private static final String PASSWORD = "fuzz passphrase 1";

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:/]+)(:[^}]*)?}");

	private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>",
			Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

	private static final Pattern FIELD = Pattern.compile("<(input|select|textarea|button)\\b([^>]*)>",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z-]+)=\"([^\"]*)\"");

	/** Routes whose success would end the session the fuzzing goes on with. */
	private static final Set<String> LEFT_ALONE = Set.of("POST /staff/logout");

	@Autowired
	private WebTestClient http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private StaffAccounts accounts;

	@LocalServerPort
	private int port;

	private final AtomicInteger unique = new AtomicInteger();

	@Test
	void noMalformedRequestGetsAServerError() throws Exception {
		System.out.println("FuzzTests seed " + SEED + " (run again with -Dfuzz.seed=" + SEED + ")");
		Fixtures fixtures = fixtures();
		Map<Caller, Browser> browsers = browsers(fixtures);
		List<Route> routes = routes();
		assertThat(routes).as("routes found")
			.extracting(Route::toString)
			.contains("POST /api/v1/orders", "POST /staff/restocks", "POST /products/{sku}/notify",
					"POST /staff/login");
		Map<String, List<Form>> forms = forms(routes, fixtures, browsers);
		assertThat(forms).as("forms found on the pages")
			.containsKeys("POST /staff/restocks", "POST /staff/login", "POST /lookup", "POST /staff/restocks/import");
		System.out.println("FuzzTests found forms for " + forms.keySet() + "; form routes without one: "
				+ routes.stream()
					.filter((route) -> route.method() == HttpMethod.POST && route.bodyType() == null
							&& formsFor(route, forms).isEmpty())
					.toList());
		SplittableRandom random = new SplittableRandom(SEED);
		List<Request> requests = new ArrayList<>();
		for (Route route : routes) {
			// an accepted event stream costs a wait, so streams get fewer requests
			for (int i = 0; i < (route.stream() ? Math.max(1, PER_ROUTE / 3) : PER_ROUTE); i++) {
				requests.add(request(route, formsFor(route, forms), fixtures, random));
			}
			if (!route.variables().isEmpty()) {
				requests.add(raw(route, fixtures, random));
			}
		}
		// a request line longer than the server reads is refused, not left unanswered
		Route any = routes.get(0);
		requests.add(new Request(new Route(HttpMethod.GET, "/products/{sku}", false, any.handler()),
				"/products/" + "x".repeat(10_000), Map.of(), null, null, null, true));
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		long started = System.nanoTime();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		try {
			// each route's first request goes alone, so that caches filled on first use
			// (codecs, validators, templates) are full before requests come at once
			Set<Route> warm = new HashSet<>();
			List<Callable<Void>> sends = new ArrayList<>();
			for (int n = 0; n < requests.size(); n++) {
				if (ONLY < 0 || n == ONLY) {
					int number = n;
					Callable<Void> send = () -> {
						String failure = check(number, requests.get(number), browsers);
						if (failure != null) {
							System.out.println(failure);
							failures.add(failure);
						}
						return null;
					};
					if (warm.add(requests.get(n).route())) {
						send.call();
					}
					else {
						sends.add(send);
					}
				}
			}
			senders.invokeAll(sends);
		}
		finally {
			senders.shutdownNow();
		}
		System.out.printf("FuzzTests sent %d requests in %d ms with seed %d%n", (ONLY < 0) ? requests.size() : 1,
				(System.nanoTime() - started) / 1_000_000, SEED);
		assertThat(failures).as("server errors with seed " + SEED + " out of " + requests.size() + " requests")
			.isEmpty();
	}

	/**
	 * Sends a request and says what is wrong with its answer.
	 * @return the failure, with how to send the request again, or {@code null}
	 */
	private @Nullable String check(int number, Request request, Map<Caller, Browser> browsers) {
		String again = "\n  reproduce with -Dfuzz.seed=" + SEED + " -Dfuzz.only=" + number;
		try {
			int status = send(request, browsers.get(request.route().caller()));
			if (status == 0) {
				return "request " + number + " got no status line: " + request + again;
			}
			return (status >= 500) ? "request " + number + " answered " + status + ": " + request + again : null;
		}
		catch (RuntimeException ex) {
			return "request " + number + " got no answer (" + ex.getMessage() + "): " + request + again;
		}
	}

	/** Every handler method, once per pattern and HTTP method, plus the login form. */
	private List<Route> routes() {
		Map<String, Route> routes = new TreeMap<>();
		for (MappedRoutes.Mapped mapped : MappedRoutes.of(this.mappings)) {
			Route route = new Route(mapped.method(), mapped.pattern(), mapped.stream(), mapped.handler());
			if (!LEFT_ALONE.contains(route.toString())) {
				routes.put(route.toString(), route);
			}
		}
		// the security chain handles the login form itself
		Route login = new Route(HttpMethod.POST, "/staff/login", false, null);
		routes.put(login.toString(), login);
		return new ArrayList<>(routes.values());
	}

	/**
	 * The forms of every page the callers can open, by the route they submit to, with the
	 * values the page filled in.
	 */
	private Map<String, List<Form>> forms(List<Route> routes, Fixtures fixtures, Map<Caller, Browser> browsers) {
		Map<String, List<Form>> forms = new LinkedHashMap<>();
		for (Route route : routes) {
			if (route.method() != HttpMethod.GET || route.stream()) {
				continue;
			}
			Caller caller = route.caller();
			Browser browser = browsers.get(caller);
			String uri = fixtures.path(route.pattern()) + query(route, fixtures);
			if (caller == Caller.API) {
				continue;
			}
			Browser.Page page = browser.get(uri);
			Matcher form = FORM.matcher(page.body());
			while (form.find()) {
				Map<String, String> attributes = attributes(form.group(1));
				String action = attributes.getOrDefault("action", uri);
				String method = attributes.getOrDefault("method", "get").toUpperCase();
				boolean multipart = "multipart/form-data".equals(attributes.get("enctype"));
				Map<String, String> fields = new LinkedHashMap<>();
				Set<String> actions = new LinkedHashSet<>(List.of(action));
				Matcher field = FIELD.matcher(form.group(2));
				while (field.find()) {
					Map<String, String> input = attributes(field.group(2));
					if (input.containsKey("formaction")) {
						actions.add(input.get("formaction"));
					}
					String name = input.get("name");
					if (name != null && !name.equals("_csrf")) {
						fields.putIfAbsent(name, input.getOrDefault("value", ""));
					}
				}
				for (String target : actions) {
					Route submitted = route(routes, HttpMethod.valueOf(method), target);
					if (submitted != null) {
						forms.computeIfAbsent(submitted.toString(), (key) -> new ArrayList<>())
							.add(new Form(fields, multipart));
					}
				}
			}
		}
		return forms;
	}

	/**
	 * The forms that submit to a route; for one whose form only a POST answer shows (the
	 * shift's apply, on its preview), the forms of the routes below it.
	 */
	private static List<Form> formsFor(Route route, Map<String, List<Form>> forms) {
		List<Form> own = forms.get(route.toString());
		if (own != null) {
			return own;
		}
		String below = route.method() + " " + route.pattern() + "/";
		return forms.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(below))
			.flatMap((entry) -> entry.getValue().stream())
			.toList();
	}

	private static @Nullable Route route(List<Route> routes, HttpMethod method, String action) {
		String path = URI.create(action.replace("&amp;", "&")).getPath();
		for (Route route : routes) {
			if (route.method() == method && PathPatternParser.defaultInstance.parse(route.pattern())
				.matches(PathContainer.parsePath(path))) {
				return route;
			}
		}
		return null;
	}

	private static Map<String, String> attributes(String tag) {
		Map<String, String> attributes = new LinkedHashMap<>();
		Matcher attribute = ATTRIBUTE.matcher(tag);
		while (attribute.find()) {
			attributes.put(attribute.group(1).toLowerCase(), attribute.group(2).replace("&amp;", "&"));
		}
		return attributes;
	}

	/** The request parameters a handler names, with values that find something. */
	private static String query(Route route, Fixtures fixtures) {
		StringBuilder query = new StringBuilder();
		for (String name : route.parameters(RequestParam.class)) {
			String value = fixtures.value(name);
			if (value != null) {
				query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encode(value));
			}
		}
		return query.toString();
	}

	private Request request(Route route, List<Form> forms, Fixtures fixtures, SplittableRandom random) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String variable : route.variables()) {
			String base = fixtures.variable(route.pattern(), variable);
			values.put(variable,
					(random.nextInt(3) > 0) ? encode(base) : encode(FuzzInputs.pick(random, FuzzInputs.SEGMENTS)));
		}
		StringBuilder uri = new StringBuilder(fill(route.pattern(), values));
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : route.parameters(RequestHeader.class)) {
			headers.put(name, header(FuzzInputs.pick(random, FuzzInputs.TEXT)));
		}
		if (random.nextInt(15) == 0) {
			headers.put("X-Forwarded-For", header(FuzzInputs.pick(random, FuzzInputs.TEXT)));
		}
		if (random.nextInt(5) == 0) {
			headers.put("Accept-Language", header(FuzzInputs.pick(random, List.of("xx-ÿ", "*;q=abc", "de-DE;q=2",
					"en-US-u-ca-gregory-x-" + "a".repeat(500), ",,,", "\u0000"))));
		}
		if (random.nextInt(5) == 0) {
			// an EventSource's, and ones no parser reads (error pages look at Accept too)
			headers.put("Accept", header(FuzzInputs.pick(random, List.of("text/event-stream", "text/event-stream, ///",
					"text/event-stream;charset=\"", "///", "text/event-stream;q=0", "*/*;q=abc"))));
		}
		Type bodyType = route.bodyType();
		if (route.method() == HttpMethod.GET || (route.method() == HttpMethod.DELETE)) {
			Map<String, String> parameters = new LinkedHashMap<>();
			for (String name : route.parameters(RequestParam.class)) {
				parameters.put(name, fuzzOrBase(name, "", fixtures, random));
			}
			for (Form form : forms) {
				form.fields().forEach((name, value) -> parameters.put(name, fuzzOrBase(name, value, fixtures, random)));
			}
			// long values go to forms and bodies: the request line stays within what the
			// server reads
			parameters.forEach((name, value) -> uri.append(uri.indexOf("?") < 0 ? "?" : "&")
				.append(encode(name))
				.append('=')
				.append(encode((value.length() > 300) ? value.substring(0, 300) : value)));
			return new Request(route, uri.toString(), headers, null, null, null, false);
		}
		if (bodyType != null) {
			String body = (random.nextInt(4) == 0) ? FuzzInputs.pick(random, FuzzInputs.JSON_BODIES)
					: FuzzInputs.write(mutate(base(bodyType, "", fixtures), random));
			MediaType type = (random.nextInt(15) == 0) ? FuzzInputs.pick(random,
					List.of(MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML, MediaType.APPLICATION_FORM_URLENCODED))
					: MediaType.APPLICATION_JSON;
			return new Request(route, uri.toString(), headers, type, body, null, false);
		}
		Form form = forms.isEmpty() ? new Form(Map.of("value", ""), false) : FuzzInputs.pick(random, forms);
		Map<String, String> fields = new LinkedHashMap<>();
		form.fields().forEach((name, value) -> fields.put(name, base(name, value, fixtures)));
		List<String> names = new ArrayList<>(fields.keySet());
		int mutations = 1 + random.nextInt(3);
		for (int i = 0; i < mutations && !names.isEmpty(); i++) {
			String name = FuzzInputs.pick(random, names);
			if (random.nextInt(6) == 0) {
				fields.remove(name);
			}
			else {
				fields.put(name, FuzzInputs.pick(random, FuzzInputs.TEXT));
			}
		}
		if (form.multipart()) {
			Map<String, String> parts = new LinkedHashMap<>(fields);
			String csv = (random.nextInt(4) == 0) ? "sku,supplier,quantity,expected_on\n" + fixtures.waitingSku() + ","
					+ fixtures.supplier() + ",1," + LocalDate.now().plusDays(30) + "\n"
					: FuzzInputs.pick(random, FuzzInputs.CSV);
			return new Request(route, uri.toString(), headers, MediaType.MULTIPART_FORM_DATA, null,
					Map.of("fields", parts, "file", csv), false);
		}
		return new Request(route, uri.toString(), headers, MediaType.APPLICATION_FORM_URLENCODED, null,
				Map.of("fields", fields), false);
	}

	/** A request whose path holds bytes no URI parser accepts, sent over a socket. */
	private Request raw(Route route, Fixtures fixtures, SplittableRandom random) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String variable : route.variables()) {
			String base = fixtures.variable(route.pattern(), variable);
			values.put(variable,
					random.nextBoolean() ? encode(base) : FuzzInputs.pick(random, FuzzInputs.RAW_SEGMENTS));
		}
		return new Request(route, fill(route.pattern(), values), Map.of(), null, null, null, true);
	}

	private static String fuzzOrBase(String name, String pageValue, Fixtures fixtures, SplittableRandom random) {
		return (random.nextInt(3) == 0) ? base(name, pageValue, fixtures) : FuzzInputs.pick(random, FuzzInputs.TEXT);
	}

	/** A form field's value that keeps the fuzzing on the test's own rows. */
	private static String base(String name, String pageValue, Fixtures fixtures) {
		return switch (name) {
			case "id" -> Long.toString(fixtures.restockId());
			case "supplier", "shiftSupplier" -> fixtures.supplier();
			case "username" -> "fuzz-nobody";
			case "password" -> "not the password";
			default -> {
				String value = fixtures.value(name.toLowerCase());
				yield (value != null) ? value : pageValue;
			}
		};
	}

	/**
	 * A valid-looking JSON tree for a request body type, keeping to the test's own rows:
	 * maps for records, lists, and leaves that are JSON text.
	 */
	private Object base(Type type, String name, Fixtures fixtures) {
		Class<?> raw = (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
				: (Class<?>) type;
		if (raw.isRecord()) {
			Map<String, Object> tree = new LinkedHashMap<>();
			for (RecordComponent component : raw.getRecordComponents()) {
				if (!component.getName().equals("version")) {
					tree.put(component.getName(), base(component.getGenericType(), component.getName(), fixtures));
				}
			}
			return tree;
		}
		if (List.class.isAssignableFrom(raw)) {
			Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
			return new ArrayList<>(List.of(base(item, name, fixtures)));
		}
		if (Map.class.isAssignableFrom(raw)) {
			return new LinkedHashMap<>(Map.of("colour", "\"red\""));
		}
		if (raw.isEnum()) {
			return FuzzInputs.json(((Enum<?>) raw.getEnumConstants()[0]).name());
		}
		if (raw == LocalDate.class) {
			return FuzzInputs.json(LocalDate.now().plusDays(10).toString());
		}
		if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
			return name.equals("priceCents") ? "1000" : "1";
		}
		return FuzzInputs.json(switch (name) {
			case "number" -> "FUZZ-" + fixtures.run() + "-" + this.unique.incrementAndGet();
			case "shipmentId" -> "SH-" + this.unique.incrementAndGet();
			case "currency" -> "EUR";
			case "email" -> "fuzz@example.com";
			case "supplier" -> fixtures.supplier();
			case "sku", "lines" -> fixtures.stockedSku();
			default -> "Fuzz";
		});
	}

	/** Replaces, removes or adds one to three values anywhere in a JSON tree. */
	@SuppressWarnings("unchecked")
	private static Object mutate(Object tree, SplittableRandom random) {
		int mutations = 1 + random.nextInt(3);
		for (int i = 0; i < mutations; i++) {
			List<Object> containers = new ArrayList<>();
			collect(tree, containers);
			Object container = FuzzInputs.pick(random, containers);
			String value = FuzzInputs.pick(random, FuzzInputs.JSON_VALUES);
			if (container instanceof Map<?, ?> map) {
				Map<String, Object> fields = (Map<String, Object>) map;
				if (fields.isEmpty() || random.nextInt(8) == 0) {
					fields.put("unexpected", value);
					continue;
				}
				String key = FuzzInputs.pick(random, new ArrayList<>(fields.keySet()));
				if (random.nextInt(8) == 0) {
					fields.remove(key);
				}
				else {
					fields.put(key, value);
				}
			}
			else if (container instanceof List<?> list) {
				List<Object> items = (List<Object>) list;
				if (items.isEmpty() || random.nextInt(4) == 0) {
					items.add(value);
				}
				else {
					items.set(random.nextInt(items.size()), value);
				}
			}
		}
		return tree;
	}

	private static void collect(Object tree, List<Object> containers) {
		if (tree instanceof Map<?, ?> map) {
			containers.add(map);
			map.values().forEach((value) -> collect(value, containers));
		}
		else if (tree instanceof List<?> list) {
			containers.add(list);
			list.forEach((value) -> collect(value, containers));
		}
	}

	private int send(Request request, Browser browser) {
		if (request.raw()) {
			return sendRaw(request, browser);
		}
		WebTestClient client = request.route().stream() ? this.http.mutate().responseTimeout(STREAM_WAIT).build()
				: this.http;
		WebTestClient.RequestBodySpec spec = client.method(request.route().method())
			.uri(URI.create("http://127.0.0.1:" + this.port + request.uri()))
			.header("X-Forwarded-For", request.headers().getOrDefault("X-Forwarded-For", browser.address()))
			.cookies((jar) -> browser.cookies().forEach(jar::add));
		request.headers().forEach((name, value) -> {
			if (!name.equals("X-Forwarded-For")) {
				spec.header(name, value);
			}
		});
		if (request.route().caller() == Caller.API) {
			spec.header("Authorization", "Bearer " + API_KEY);
		}
		if (request.route().stream()) {
			return stream(spec);
		}
		WebTestClient.RequestHeadersSpec<?> ready = spec;
		if (request.json() != null) {
			ready = spec.contentType(request.contentType()).bodyValue(request.json().getBytes(StandardCharsets.UTF_8));
		}
		else if (request.form() != null) {
			ready = form(spec, request, browser.csrf());
		}
		return ready.exchange().expectBody(byte[].class).returnResult().getStatus().value();
	}

	/**
	 * Opens an event stream: a refused one answers at once, an accepted one sends its
	 * headers with its first event or heartbeat, so a stream still quiet after a moment
	 * was accepted.
	 */
	private int stream(WebTestClient.RequestBodySpec spec) {
		try {
			FluxExchangeResult<String> result = spec.accept(MediaType.TEXT_EVENT_STREAM)
				.exchange()
				.returnResult(String.class);
			StepVerifier.create(result.getResponseBody()).thenCancel().verify(TIMEOUT);
			return result.getStatus().value();
		}
		catch (IllegalStateException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("Timeout")) {
				return 200;
			}
			throw ex;
		}
	}

	@SuppressWarnings("unchecked")
	private static WebTestClient.RequestHeadersSpec<?> form(WebTestClient.RequestBodySpec spec, Request request,
			String csrf) {
		Map<String, String> fields = (Map<String, String>) request.form().get("fields");
		if (request.contentType().equals(MediaType.MULTIPART_FORM_DATA)) {
			MultipartBodyBuilder parts = new MultipartBodyBuilder();
			parts.part("_csrf", csrf);
			fields.forEach(parts::part);
			parts.part("file", ((String) request.form().get("file")).getBytes(StandardCharsets.UTF_8))
				.filename("restocks.csv")
				.contentType(MediaType.TEXT_PLAIN);
			return spec.contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts.build()));
		}
		StringBuilder body = new StringBuilder("_csrf=").append(encode(csrf));
		fields.forEach((name, value) -> body.append('&').append(encode(name)).append('=').append(encode(value)));
		return spec.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(body.toString().getBytes(StandardCharsets.UTF_8));
	}

	private int sendRaw(Request request, Browser browser) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(request.route().stream() ? (int) STREAM_WAIT.toMillis() : 30_000);
			StringBuilder head = new StringBuilder(request.route().method().name()).append(' ')
				.append(request.uri())
				.append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n")
				.append("X-Forwarded-For: ")
				.append(browser.address())
				.append("\r\n");
			if (request.route().caller() == Caller.API) {
				head.append("Authorization: Bearer ").append(API_KEY).append("\r\n");
			}
			if (!browser.cookies().isEmpty()) {
				head.append("Cookie: ");
				browser.cookies().forEach((name, value) -> head.append(name).append('=').append(value).append("; "));
				head.append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder status = new StringBuilder();
			for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
				status.append((char) c);
			}
			String[] words = status.toString().split(" ");
			return (words.length > 1) ? Integer.parseInt(words[1]) : 0;
		}
		catch (SocketTimeoutException ex) {
			if (request.route().stream()) {
				// see stream(): a quiet stream was accepted
				return 200;
			}
			throw new IllegalStateException("No answer to " + request, ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not send " + request, ex);
		}
	}

	private static String fill(String pattern, Map<String, String> values) {
		Matcher matcher = VARIABLE.matcher(pattern);
		StringBuilder uri = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(uri, Matcher.quoteReplacement(values.get(matcher.group(1))));
		}
		matcher.appendTail(uri);
		return uri.toString();
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * A header value as the HTTP client sends it: ISO-8859-1 without control characters.
	 */
	private static String header(String value) {
		StringBuilder header = new StringBuilder();
		for (char c : value.toCharArray()) {
			header.append((c < 0x20 || c == 0x7f || c > 0xff) ? '?' : c);
		}
		String text = header.toString().strip();
		return (text.length() > 4000) ? text.substring(0, 4000) : text;
	}

	private Map<Caller, Browser> browsers(Fixtures fixtures) {
		Map<Caller, Browser> browsers = new LinkedHashMap<>();
		Browser admin = Browser.of(this.http);
		String username = fixtures.run() + "-fuzz-admin";
		this.accounts.create(username, "Fuzz Admin", EnumSet.of(StaffRole.ADMIN), PASSWORD).block(TIMEOUT);
		assertThat(admin.logIn(username, PASSWORD).location()).as("admin login").endsWith("/staff");
		admin.get("/staff");
		browsers.put(Caller.ADMIN, admin);
		Browser customer = Browser.of(this.http);
		assertThat(customer.lookUp(fixtures.orderNumber(), fixtures.email()).location()).as("customer lookup")
			.endsWith("/orders/" + fixtures.orderNumber());
		customer.get("/orders/" + fixtures.orderNumber());
		browsers.put(Caller.CUSTOMER, customer);
		Browser anonymous = Browser.of(this.http);
		anonymous.get("/staff/login");
		browsers.put(Caller.ANONYMOUS, anonymous);
		browsers.put(Caller.API, Browser.of(this.http));
		return browsers;
	}

	/** Rows of this test's own to put in paths and forms. */
	private Fixtures fixtures() {
		TestShop shop = new TestShop(this.context);
		TestShop.OfferedOrder offered = shop.offeredOrder("FUZZ");
		long staffId = this.accounts
			.create(shop.unique("fuzz-target"), "Fuzz Target", EnumSet.of(StaffRole.REP), PASSWORD)
			.block(TIMEOUT)
			.id();
		Map<String, String> values = new LinkedHashMap<>(Map.of("number", offered.number(), "ordernumber",
				offered.number(), "sku", offered.waitingSku(), "substitute", offered.substituteSku(), "lineid",
				Long.toString(offered.lineId()), "target", Long.toString(offered.lineId()), "offerid",
				Long.toString(offered.offerId()), "email", offered.email()));
		values.putAll(Map.of("quantity", "1", "receivequantity", "1", "expectedon",
				LocalDate.now().plusDays(20).toString(), "receivedon", LocalDate.now().toString(), "days", "1", "body",
				"A note", "note", "A note", "token", "not-a-token", "index", "0", "q", "fuzz"));
		return new Fixtures(shop.unique("run"), offered, staffId, values);
	}

	/** Who sends a route's requests. */
	enum Caller {

		API, ADMIN, CUSTOMER, ANONYMOUS

	}

	/**
	 * One route.
	 *
	 * @param handler the controller method, {@code null} for the security chain's login
	 */
	record Route(HttpMethod method, String pattern, boolean stream, @Nullable HandlerMethod handler) {

		Caller caller() {
			if (this.pattern.startsWith("/api/")) {
				return Caller.API;
			}
			if (this.pattern.equals("/staff/login")) {
				return Caller.ANONYMOUS;
			}
			return this.pattern.startsWith("/staff") ? Caller.ADMIN : Caller.CUSTOMER;
		}

		List<String> variables() {
			List<String> names = new ArrayList<>();
			Matcher matcher = VARIABLE.matcher(this.pattern);
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
			return names;
		}

		/** The names of the handler's parameters with the annotation. */
		List<String> parameters(Class<? extends java.lang.annotation.Annotation> annotation) {
			List<String> names = new ArrayList<>();
			if (this.handler == null) {
				return names;
			}
			for (MethodParameter parameter : this.handler.getMethodParameters()) {
				java.lang.annotation.Annotation found = parameter.getParameterAnnotation(annotation);
				if (found == null || Map.class.isAssignableFrom(parameter.getParameterType())) {
					continue;
				}
				String name = (found instanceof RequestParam param) ? param.name() : ((RequestHeader) found).name();
				names.add(name.isEmpty() ? parameter.getParameterName() : name);
			}
			return names;
		}

		@Nullable Type bodyType() {
			if (this.handler == null) {
				return null;
			}
			for (MethodParameter parameter : this.handler.getMethodParameters()) {
				if (parameter.hasParameterAnnotation(RequestBody.class)) {
					return parameter.getGenericParameterType();
				}
			}
			return null;
		}

		@Override
		public String toString() {
			return this.method + " " + this.pattern;
		}

	}

	/**
	 * A form a page shows.
	 *
	 * @param fields its fields with the values the page gave them
	 * @param multipart whether it uploads files
	 */
	record Form(Map<String, String> fields, boolean multipart) {
	}

	/**
	 * One request to send.
	 *
	 * @param uri the path and query, encoded
	 * @param json a JSON (or broken) body
	 * @param form form fields (and a file) to send with the caller's CSRF token
	 * @param raw whether to send it byte for byte over a socket
	 */
	record Request(Route route, String uri, Map<String, String> headers, @Nullable MediaType contentType,
			@Nullable String json, @Nullable Map<String, Object> form, boolean raw) {

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder(this.route.method().name()).append(' ')
				.append(abbreviate(this.uri))
				.append(" as ")
				.append(this.route.caller());
			if (!this.headers.isEmpty()) {
				text.append(" headers ").append(abbreviate(this.headers.toString()));
			}
			if (this.contentType != null) {
				text.append(" [").append(this.contentType).append(']');
			}
			if (this.json != null) {
				text.append(" body ").append(abbreviate(this.json));
			}
			if (this.form != null) {
				text.append(" form ").append(abbreviate(this.form.toString()));
			}
			return text.append(this.raw ? " (raw)" : "").toString();
		}

		private static String abbreviate(String text) {
			String shown = text.replace("\u0000", "\\0");
			return (shown.length() > 400) ? shown.substring(0, 400) + "…(" + shown.length() + " chars)" : shown;
		}

	}

	/**
	 * The test's own rows, and values for path variables, parameters and fields by name.
	 */
	record Fixtures(String run, TestShop.OfferedOrder offered, long staffId, Map<String, String> values) {

		String orderNumber() {
			return this.offered.number();
		}

		String email() {
			return this.offered.email();
		}

		String waitingSku() {
			return this.offered.waitingSku();
		}

		String stockedSku() {
			return this.offered.substituteSku();
		}

		String supplier() {
			return this.offered.supplier();
		}

		long restockId() {
			return this.offered.restockId();
		}

		@Nullable String value(String name) {
			return this.values.get(name);
		}

		/** A path with this test's rows in it. */
		String path(String pattern) {
			Map<String, String> filled = new LinkedHashMap<>();
			Matcher matcher = VARIABLE.matcher(pattern);
			while (matcher.find()) {
				filled.put(matcher.group(1), encode(variable(pattern, matcher.group(1))));
			}
			return fill(pattern, filled);
		}

		/**
		 * A value for a path variable that names this test's row; a plain {@code {id}} by
		 * the path before it, and one that names nothing when it is not known.
		 */
		String variable(String pattern, String name) {
			String value = value(name.toLowerCase());
			if (value != null) {
				return value;
			}
			if (pattern.startsWith("/staff/admin/users/")) {
				return Long.toString(this.staffId);
			}
			if (pattern.startsWith("/staff/restocks/") || pattern.startsWith("/api/v1/restocks/")) {
				return Long.toString(restockId());
			}
			return "0";
		}

	}

}
