package com.backorderdesk.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.backorderdesk.MappedRoutes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's description is complete and true: every route the controllers map under
 * {@code /api/} (read from the handler mapping, so a new route is seen without touching
 * this test) is in it with a summary, a success response with an example and its errors;
 * every example validates against the schema it illustrates (JSON Schema 2020-12, as
 * OpenAPI 3.1 uses); the description and Swagger UI are public.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ApiDocumentationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private WebTestClient http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	private JsonNode description;

	@BeforeEach
	void readDescription() {
		String body = this.http.get()
			.uri("/api/openapi.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		this.description = JSON.readTree(body);
	}

	@Test
	void descriptionIsOpenApi31AndPublic() {
		assertThat(this.description.get("openapi").asString()).startsWith("3.1");
		assertThat(this.description.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
	}

	@Test
	void everyApiRouteIsDocumentedWithSummaryExampleAndErrors() {
		List<String> problems = new ArrayList<>();
		int routes = 0;
		for (MappedRoutes.Mapped route : MappedRoutes.of(this.mappings)) {
			// the description's own routes describe nothing
			if (!route.pattern().startsWith("/api/")
					|| route.handler().getBeanType().getPackageName().startsWith("org.springdoc")) {
				continue;
			}
			routes++;
			String where = route.method() + " " + route.pattern();
			JsonNode operation = this.description.path("paths")
				.path(route.pattern())
				.path(route.method().name().toLowerCase(Locale.ROOT));
			if (operation.isMissingNode()) {
				problems.add(where + " is not in the description");
				continue;
			}
			if (operation.path("summary").asString("").isBlank()) {
				problems.add(where + " has no summary");
			}
			if (operation.path("tags").isEmpty()) {
				problems.add(where + " has no tag");
			}
			boolean success = false;
			for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
				JsonNode answer = resolve(response.getValue());
				if (answer.path("description").asString("").isBlank()
						|| answer.path("description").asString("").equals("OK")) {
					problems.add(where + " " + response.getKey() + " has no description of its own");
				}
				if (response.getKey().startsWith("2")) {
					success = true;
					// 204 No Content has no body to show
					if (!response.getKey().equals("204") && !hasExample(answer.path("content"))) {
						problems.add(where + " " + response.getKey() + " has no example");
					}
				}
				if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
					if (!answer.path("content").has("application/problem+json")) {
						problems.add(where + " " + response.getKey() + " is not a problem+json response");
					}
				}
			}
			if (!success) {
				problems.add(where + " documents no success response");
			}
			if (!operation.path("responses").has("503")) {
				problems.add(where + " does not say it can be unavailable (503)");
			}
			boolean needsKey = !operation.has("security") || !operation.path("security").isEmpty();
			if (needsKey && !operation.path("responses").has("401")) {
				problems.add(where + " needs a key but documents no 401");
			}
			if (operation.has("requestBody") && !hasExample(operation.path("requestBody").path("content"))) {
				problems.add(where + " has a request body without an example");
			}
		}
		assertThat(routes).as("routes under /api/").isGreaterThanOrEqualTo(12);
		assertThat(problems).as("routes the description leaves out or half-documents").isEmpty();
	}

	@Test
	void everyExampleValidatesAgainstItsSchema() {
		List<String> problems = new ArrayList<>();
		int examples = 0;
		for (JsonNode content : contents()) {
			for (Map.Entry<String, JsonNode> media : content.properties()) {
				JsonNode schema = media.getValue().path("schema");
				for (Map.Entry<String, JsonNode> example : media.getValue().path("examples").properties()) {
					examples++;
					JsonNode value = resolveExample(example.getValue()).path("value");
					for (Error error : validator(schema).validate(value)) {
						problems.add(example.getKey() + " (" + media.getKey() + "): " + error.getMessage());
					}
				}
			}
		}
		assertThat(examples).as("examples in the description").isGreaterThanOrEqualTo(20);
		assertThat(problems).as("examples that break their schema").isEmpty();
	}

	@Test
	void theNewOrderAndShipmentFieldsAndTheSplitRefusalAreDescribedWithExamples() {
		JsonNode ship = this.description.at("/paths/~1api~1v1~1orders~1{number}~1shipments/post");
		JsonNode refused = resolve(ship.at("/responses/409")).at("/content/application~1problem+json/examples");
		assertThat(resolveExample(refused.path("splitRefused")).at("/value/shipPreference").asString())
			.isEqualTo("SHIP_COMPLETE");
		JsonNode shipments = ship.at("/requestBody/content/application~1json/examples");
		JsonNode tracked = resolveExample(shipments.path("shipment")).path("value");
		assertThat(tracked.has("carrier") && tracked.has("trackingNumber") && tracked.has("trackingUrl")).isTrue();
		assertThat(resolveExample(shipments.path("splitAnyway")).at("/value/overrideShipPreference").asBoolean())
			.isTrue();
		JsonNode shipment = this.description.at("/components/schemas/ShipmentBody/properties");
		assertThat(shipment.properties()).extracting(Map.Entry::getKey)
			.contains("carrier", "trackingNumber", "trackingUrl", "overrideShipPreference");
		JsonNode place = this.description.at("/paths/~1api~1v1~1orders/post/requestBody/content/application~1json");
		assertThat(resolveExample(place.at("/examples/order")).at("/value/lines/0/unitPriceCents").asLong())
			.isEqualTo(11900);
		assertThat(this.description.at("/components/schemas/OrderLineBody/properties").has("unitPriceCents")).isTrue();
		assertThat(this.description.at("/components/schemas/Line/properties").has("unitPriceCents")).isTrue();
	}

	@Test
	void productsAndStockAreFilteredByRepeatableSkus() {
		for (String path : List.of("/paths/~1api~1v1~1products/get", "/paths/~1api~1v1~1stock/get")) {
			JsonNode sku = null;
			for (JsonNode parameter : this.description.at(path + "/parameters")) {
				if (parameter.path("name").asString("").equals("sku")) {
					sku = parameter;
				}
			}
			assertThat(sku).as("the sku parameter of " + path).isNotNull();
			assertThat(sku.path("in").asString()).isEqualTo("query");
			assertThat(sku.at("/schema/type").asString()).isEqualTo("array");
			assertThat(sku.path("description").asString()).contains("repeat");
		}
	}

	@Test
	void aNullableReferenceAcceptsNull() {
		assertThat(validator(JSON.readTree("{\"$ref\": \"#/components/schemas/Line\"}"))
			.validate(JSON.readTree(ApiExamples.ORDER).path("lines").path(1))).isEmpty();
	}

	@Test
	void theValidatorRefusesAnExampleThatBreaksItsSchema() {
		JsonNode schema = JSON.readTree("{\"$ref\": \"#/components/schemas/OrderStatus\"}");
		JsonNode broken = JSON.readTree("{\"number\": 12}");
		assertThat(validator(schema).validate(broken)).isNotEmpty();
	}

	@Test
	void swaggerUiIsServedAtApiDocsWithoutAKey() {
		this.http.get()
			.uri("/api/docs")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/api/docs/index.html");
		this.http.get()
			.uri("/api/docs/index.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((page) -> assertThat(page).contains("swagger-ui-bundle.js", "swagger-initializer.js"));
		this.http.get()
			.uri("/api/docs/swagger-initializer.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((script) -> assertThat(script).contains("/api/openapi.json"));
		this.http.get().uri("/api/docs/swagger-ui-bundle.js").exchange().expectStatus().isOk();
	}

	private Schema validator(JsonNode schema) {
		ObjectNode document = JSON.createObjectNode();
		document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		document.set("components", this.description.path("components"));
		document.set("allOf", JSON.createArrayNode().add(schema));
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(document.toString(), InputFormat.JSON);
	}

	private List<JsonNode> contents() {
		List<JsonNode> contents = new ArrayList<>();
		for (JsonNode path : this.description.path("paths")) {
			for (JsonNode operation : path) {
				contents.add(operation.path("requestBody").path("content"));
				for (JsonNode response : operation.path("responses")) {
					contents.add(resolve(response).path("content"));
				}
			}
		}
		for (JsonNode response : this.description.path("components").path("responses")) {
			contents.add(response.path("content"));
		}
		return contents;
	}

	private boolean hasExample(JsonNode content) {
		for (JsonNode media : content) {
			if (!media.path("examples").isEmpty() || media.has("example")) {
				return true;
			}
		}
		return false;
	}

	private JsonNode resolve(JsonNode node) {
		String ref = node.path("$ref").asString("");
		return ref.startsWith("#/") ? this.description.at(ref.substring(1)) : node;
	}

	private JsonNode resolveExample(JsonNode node) {
		return resolve(node);
	}

}
