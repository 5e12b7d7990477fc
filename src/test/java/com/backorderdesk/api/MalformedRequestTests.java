package com.backorderdesk.api;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a client sends, the API answers with a 4xx problem, never a server error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MalformedRequestTests {

	@Autowired
	private WebTestClient http;

	static Stream<Arguments> requests() {
		return Stream.of(Arguments.of(HttpMethod.POST, "/api/v1/orders", ""),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", "null"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", "[]"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", "{\"lines\": {}}"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", "{\"lines\": [null]}"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", "{\"lines\": [{\"quantity\": 99999999999}]}"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", "{\"customer\": \"ada\"}"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", "{\"number\": \"" + "9".repeat(5000) + "\"}"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders/X/shipments", ""),
				Arguments.of(HttpMethod.POST, "/api/v1/orders/X/shipments", "{\"shipmentId\": [], \"lines\": 1}"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders/X/shipments", "{\"lines\": [{\"quantity\": -1}]}"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders/NOPE-404/shipments",
						"{\"shipmentId\": \"S\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}]}"),
				Arguments.of(HttpMethod.POST, "/api/v1/restocks", "{\"expectedOn\": \"2026-13-45\"}"),
				Arguments.of(HttpMethod.POST, "/api/v1/restocks", "{\"quantity\": -1, \"sku\": \"\"}"),
				Arguments.of(HttpMethod.PATCH, "/api/v1/restocks/abc", "{}"),
				Arguments.of(HttpMethod.PATCH, "/api/v1/restocks/999999999", "{\"quantity\": 1}"),
				Arguments.of(HttpMethod.PATCH, "/api/v1/restocks/1", "{\"version\": \"x\"}"),
				Arguments.of(HttpMethod.PUT, "/api/v1/stock/NOPE-404", "{\"onHand\": 1}"),
				Arguments.of(HttpMethod.PUT, "/api/v1/stock/X", "{\"onHand\": -5}"),
				Arguments.of(HttpMethod.PUT, "/api/v1/stock/X", "{\"onHand\": 1.5}"),
				Arguments.of(HttpMethod.PUT, "/api/v1/products/X", "{\"attributes\": [1, 2]}"),
				Arguments.of(HttpMethod.PUT, "/api/v1/products/X", "{\"priceCents\": \"ten\"}"),
				Arguments.of(HttpMethod.GET, "/api/v1/orders/%00", ""),
				Arguments.of(HttpMethod.DELETE, "/api/v1/orders/X", ""));
	}

	@ParameterizedTest
	@MethodSource("requests")
	void malformedRequestGetsAClientErrorProblem(HttpMethod method, String uri, String body) {
		WebTestClient.RequestBodySpec request = this.http.method(method)
			.uri(uri)
			.header("Authorization", "Bearer test-api-key")
			.contentType(MediaType.APPLICATION_JSON);
		WebTestClient.ResponseSpec response = body.isEmpty() ? request.exchange() : request.bodyValue(body).exchange();
		response.expectStatus()
			.is4xxClientError()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		response.expectBody(String.class).value((text) -> assertThat(text).contains("\"status\":4"));
	}

	static Stream<Arguments> badBodies() {
		return Stream.of(Arguments.of("", "", "is required: send a JSON object"),
				Arguments.of("null", "", "is required: send a JSON object"),
				Arguments.of("{\"number\": \"BO-UNKNOWN-1\", \"placedAt\": \"2026-01-01T00:00:00Z\"}", "placedAt",
						"is not a field of this request"),
				Arguments.of("{\"lines\": [{\"sku\": \"A\", \"quantity\": 1, \"qty\": 2}]}", "lines[0].qty",
						"is not a field of this request"));
	}

	@ParameterizedTest
	@MethodSource("badBodies")
	void aMissingBodyOrAFieldTheRequestDoesNotHaveIsNamedInTheProblemAndChangesNothing(String body, String field,
			String message) {
		WebTestClient.RequestBodySpec request = this.http.post()
			.uri("/api/v1/orders")
			.header("Authorization", "Bearer test-api-key")
			.contentType(MediaType.APPLICATION_JSON);
		(body.isEmpty() ? request.exchange() : request.bodyValue(body).exchange()).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.errors[0].message")
			.isEqualTo(message);
		this.http.get()
			.uri("/api/v1/orders/BO-UNKNOWN-1")
			.header("Authorization", "Bearer test-api-key")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	static Stream<Arguments> numbersForNamesAndFlags() {
		String order = "{\"number\": \"BO-UNKNOWN-2\", \"customer\": {\"email\": \"ada@example.com\", \"name\": \"Ada\"}, "
				+ "\"lines\": [{\"sku\": \"A\", \"quantity\": 1}], ";
		return Stream.of(
				Arguments.of(HttpMethod.POST, "/api/v1/orders", order + "\"shipPreference\": 1}", "shipPreference"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", order + "\"shipPreference\": \"1\"}", "shipPreference"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders", order + "\"priority\": 0}", "priority"),
				Arguments.of(HttpMethod.PUT, "/api/v1/products/X", "{\"backorders\": 2}", "backorders"),
				Arguments.of(HttpMethod.PATCH, "/api/v1/restocks/1", "{\"status\": 3, \"version\": 0}", "status"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders/BO-UNKNOWN-2/shipments",
						"{\"shipmentId\": \"S\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}], "
								+ "\"overrideShipPreference\": 1}",
						"overrideShipPreference"),
				Arguments.of(HttpMethod.POST, "/api/v1/orders/BO-UNKNOWN-2/shipments",
						"{\"shipmentId\": \"S\", \"lines\": [{\"sku\": \"A\", \"quantity\": 1}], "
								+ "\"overrideShipPreference\": \"true\"}",
						"overrideShipPreference"));
	}

	@ParameterizedTest
	@MethodSource("numbersForNamesAndFlags")
	void aNumberWhereANameOrAFlagIsAskedIsAWrongTypeNotTheConstantAtThatPosition(HttpMethod method, String uri,
			String body, String field) {
		refusedNaming(this.http.method(method)
			.uri(uri)
			.header("Authorization", "Bearer test-api-key")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body), field).jsonPath("$.errors[0].message")
			.isEqualTo("has a value of the wrong type or format");
		this.http.get()
			.uri("/api/v1/orders/BO-UNKNOWN-2")
			.header("Authorization", "Bearer test-api-key")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	static Stream<Arguments> repeatedParameters() {
		return Stream.of(Arguments.of("/api/v1/orders?status=ALLOCATED&status=SHIPPED", "status"),
				Arguments.of("/api/v1/orders?sku=A&sku=B", "sku"),
				Arguments.of("/api/v1/restocks?limit=1&limit=200", "limit"),
				Arguments.of("/api/v1/products?category=A&category=B", "category"),
				Arguments.of("/api/v1/availability?sku=A&quantity=1&quantity=2", "quantity"));
	}

	@ParameterizedTest
	@MethodSource("repeatedParameters")
	void aParameterThatTakesOneValueGivenTwiceIsRefusedNotReadAsItsFirst(String uri, String field) {
		refusedNaming(this.http.get().uri(uri).header("Authorization", "Bearer test-api-key"), field);
	}

	@ParameterizedTest
	@MethodSource("repeatableParameters")
	void aParameterThatTakesSeveralValuesMayRepeat(String uri) {
		this.http.get().uri(uri).header("Authorization", "Bearer test-api-key").exchange().expectStatus().isOk();
	}

	static Stream<String> repeatableParameters() {
		return Stream.of("/api/v1/products?sku=A&sku=B", "/api/v1/stock?sku=A&sku=B",
				"/api/v1/availability?sku=A&sku=B");
	}

	static Stream<Arguments> badParameters() {
		return Stream.of(Arguments.of("/api/v1/products?updatedSince=garbage", "updatedSince"),
				Arguments.of("/api/v1/orders?updatedSince=99999-01-01", "updatedSince"),
				Arguments.of("/api/v1/availability?sku=A&quantity=2147483648", "quantity"),
				Arguments.of("/api/v1/availability?sku=A&quantity=1.5", "quantity"),
				Arguments.of("/api/v1/availability", "sku"),
				Arguments.of("/api/v1/restocks/99999999999999999999", "id"),
				Arguments.of("/api/v1/restocks?limit=abc", "limit"));
	}

	@ParameterizedTest
	@MethodSource("badParameters")
	void aQueryParameterOrPathVariableThatCannotBeReadIsNamedInTheProblem(String uri, String field) {
		refusedNaming(this.http.get().uri(uri).header("Authorization", "Bearer test-api-key"), field)
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).startsWith(field + " "));
	}

	/** Sends the request and checks it is a 400 problem naming the field first. */
	private static WebTestClient.BodyContentSpec refusedNaming(WebTestClient.RequestHeadersSpec<?> request,
			String field) {
		return request.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field);
	}

}
