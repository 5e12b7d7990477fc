package com.backorderdesk.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSS and JavaScript: linked by content-hashed URLs, kept by browsers for a year, served
 * without a session, a cookie or the security chain; a health probe is as cheap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class StaticAssetsTests {

	private static final Pattern STYLESHEET = Pattern.compile("href=\"(/css/app-[0-9a-f]{32}\\.css)\"");

	@Autowired
	private WebTestClient http;

	@Test
	void whenAPageLinksItsStylesheetThenTheUrlCarriesTheContentHashAndIsCachedForAYear() {
		String page = this.http.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Matcher stylesheet = STYLESHEET.matcher(page);
		assertThat(stylesheet.find()).as("a hashed stylesheet link in %s", page).isTrue();
		this.http.get()
			.uri(stylesheet.group(1))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/css")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.doesNotExist(HttpHeaders.SET_COOKIE)
			// served before the security chain, which would add its policy headers
			.expectHeader()
			.doesNotExist("Content-Security-Policy")
			.expectBody(String.class)
			.value((css) -> assertThat(css).contains("{"));
	}

	@Test
	void whenAnAssetIsAskedForWithoutItsHashThenItIsServedButRevalidated() {
		this.http.get()
			.uri("/js/live.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
			.expectBody(String.class)
			.value((js) -> assertThat(js).contains("EventSource"));
		this.http.get().uri("/css/app-00000000000000000000000000000000.css").exchange().expectStatus().isNotFound();
		this.http.get().uri("/css/nothing.css").exchange().expectStatus().isNotFound();
	}

	@Test
	void whenAPublicPageOrAProbeIsReadThenNoCookieIsSet() {
		for (String uri : new String[] { "/", "/products", "/staff/login", "/actuator/health/liveness",
				"/actuator/health/readiness" }) {
			this.http.get()
				.uri(uri)
				.header("X-Forwarded-For", "10.99.0.1")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.doesNotExist(HttpHeaders.SET_COOKIE);
		}
	}

}
