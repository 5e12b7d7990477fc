package com.backorderdesk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A browser for tests: keeps its cookies (the session) and the CSRF token of the last
 * page, and comes from an address of its own so rate limits of one test never touch
 * another.
 */
public final class Browser {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
	};

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final WebTestClient http;

	private final String address;

	private final Map<String, String> cookies = new LinkedHashMap<>();

	private String csrf = "";

	/**
	 * The cookies this browser holds, for requests the page helpers do not make (an event
	 * stream).
	 */
	public Map<String, String> cookies() {
		return Map.copyOf(this.cookies);
	}

	/**
	 * The CSRF token of the last page that had a form, for requests the page helpers do
	 * not make (a file upload).
	 */
	public String csrf() {
		return this.csrf;
	}

	/**
	 * The address this browser comes from, sent as {@code X-Forwarded-For}.
	 */
	public String address() {
		return this.address;
	}

	/**
	 * A browser from a random address of its own.
	 */
	public static Browser of(WebTestClient http) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new Browser(http, "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
	}

	/**
	 * The same browser (its cookies, address and last CSRF token) talking to another
	 * server, as a load balancer would send its next request to another instance.
	 * @param other the other server
	 * @return a browser that shares nothing further with this one
	 */
	public Browser onto(WebTestClient other) {
		Browser moved = new Browser(other, this.address);
		moved.cookies.putAll(this.cookies);
		moved.csrf = this.csrf;
		return moved;
	}

	public Browser(WebTestClient http, String address) {
		// staff lists can be long in a shared test database
		this.http = http.mutate().codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
		this.address = address;
	}

	/**
	 * Opens a page.
	 * @param uri the page, a URI template: variables are encoded, so a value can hold any
	 * character ({@code get("/orders/{number}", "{0}")} asks for {@code /orders/%7B0%7D})
	 * @param variables the template's variables
	 */
	public Page get(String uri, Object... variables) {
		return page(this.http.get()
			.uri(uri, variables)
			.header("X-Forwarded-For", this.address)
			.cookies((jar) -> this.cookies.forEach(jar::add))
			.exchange()
			.expectBody(String.class)
			.returnResult());
	}

	/**
	 * Opens an event stream with this browser's cookies, as a live page does.
	 * @param uri the stream, a URI template whose variables are encoded
	 * @param variables the template's variables
	 * @return the events that carry data (heartbeats, opening comments and frames that
	 * bring only a newer event id left out)
	 */
	public Flux<ServerSentEvent<String>> events(String uri, Object... variables) {
		return this.http.get()
			.uri(uri, variables)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.header("X-Forwarded-For", this.address)
			.cookies((jar) -> this.cookies.forEach(jar::add))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENTS)
			.getResponseBody()
			.filter((event) -> event.data() != null && !event.data().isEmpty());
	}

	/**
	 * Opens the front page and submits its lookup form, as a person would.
	 */
	public Page lookUp(String number, String email) {
		get("/");
		return post("/lookup", "number", number, "email", email);
	}

	/**
	 * Opens the staff login page and logs in.
	 */
	public Page logIn(String username, String password) {
		get("/staff/login");
		return post("/staff/login", "username", username, "password", password);
	}

	public Page post(String uri, String... fields) {
		return post(uri, Map.of(), fields);
	}

	/**
	 * Submits a form with this page's CSRF token.
	 * @param uri where to, a URI template whose variables are encoded
	 * @param variables the template's variables
	 * @param fields names and values, in turn
	 */
	public Page post(String uri, Map<String, ?> variables, String... fields) {
		MultiValueMap<String, String> form = form(fields);
		form.add("_csrf", this.csrf);
		return postForm(uri, variables, form);
	}

	public Page postWithoutCsrf(String uri, String... fields) {
		return postForm(uri, Map.of(), form(fields));
	}

	private Page postForm(String uri, Map<String, ?> variables, MultiValueMap<String, String> form) {
		return page(this.http.post()
			.uri(uri, variables)
			.header("X-Forwarded-For", this.address)
			.cookies((jar) -> this.cookies.forEach(jar::add))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(form)
			.exchange()
			.expectBody(String.class)
			.returnResult());
	}

	private static MultiValueMap<String, String> form(String... fields) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < fields.length; i += 2) {
			form.add(fields[i], fields[i + 1]);
		}
		return form;
	}

	private Page page(EntityExchangeResult<String> result) {
		result.getResponseCookies().forEach((name, values) -> values.forEach((cookie) -> {
			if (cookie.getMaxAge().isZero()) {
				this.cookies.remove(name);
			}
			else {
				this.cookies.put(name, cookie.getValue());
			}
		}));
		String body = (result.getResponseBody() != null) ? result.getResponseBody() : "";
		Matcher csrf = CSRF.matcher(body);
		if (csrf.find()) {
			this.csrf = csrf.group(1);
		}
		return new Page(result.getStatus(), result.getResponseHeaders(), body);
	}

	/**
	 * A response as the browser saw it.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body, empty when there was none
	 */
	public record Page(HttpStatusCode status, HttpHeaders headers, String body) {

		public String location() {
			String location = this.headers.getFirst(HttpHeaders.LOCATION);
			return (location != null) ? location : "";
		}

	}

}
