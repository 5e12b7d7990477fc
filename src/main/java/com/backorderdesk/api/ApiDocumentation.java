package com.backorderdesk.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The parts of the OpenAPI description no controller owns: the API's title, the bearer
 * key scheme, the problem+json schema and the error responses every route refers to
 * ({@link ApiDocs}), and the {@code 401} and {@code 503} answers any operation can give.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String PROBLEM_JSON = "application/problem+json";

	@Bean
	OpenAPI backorderDeskApi() {
		return new OpenAPI().info(new Info().title("Backorder Desk API").version("v1").description("""
				Products, stock, restocks and orders for storefronts and ERPs, and the availability \
				a storefront shows before purchase. Send `Authorization: Bearer <key>` (keys are set \
				with `backorder.api.keys`); availability needs none. Errors are RFC 9457 \
				`application/problem+json`; errors about the body list the fields in \
				`errors[].field` (`lines[0].sku`). A rejected request stores nothing: a value no \
				request may carry gets 400, a request that breaks a rule against what is stored 422. \
				Lists are paged with an opaque `cursor` (`nextCursor` of the previous page) and a \
				`limit` of 1 to 200; rows added while paging never move a page."""))
			// relative: the description never repeats a request's Host
			.servers(List.of(new Server().url("/").description("This Backorder Desk")))
			.components(new Components()
				.addSecuritySchemes(ApiDocs.API_KEY,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("An API key from `backorder.api.keys`"))
				.addSchemas("Problem", problemSchema())
				.addSchemas("FieldError", fieldErrorSchema())
				.responses(responses()))
			.addSecurityItem(new SecurityRequirement().addList(ApiDocs.API_KEY));
	}

	/**
	 * Adds the answers any operation can give: {@code 503} while the database is away,
	 * and {@code 401} to those that need a key.
	 */
	@Bean
	GlobalOpenApiCustomizer commonProblems() {
		return (api) -> {
			nullableReferences(api);
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
				ApiResponses answers = (operation.getResponses() != null) ? operation.getResponses()
						: new ApiResponses();
				if (needsKey(api, operation)) {
					answers.putIfAbsent("401", new ApiResponse().$ref(ApiDocs.UNAUTHORIZED));
				}
				answers.putIfAbsent("503", new ApiResponse().$ref(ApiDocs.UNAVAILABLE));
				operation.setResponses(answers);
			}));
		};
	}

	/**
	 * A property that refers to another schema and may be {@code null} (annotated
	 * {@code @Schema(types = {"object", "null"})}) becomes {@code anyOf} the reference
	 * and {@code null}: beside a {@code $ref} the types would be ignored.
	 */
	@SuppressWarnings("rawtypes")
	private static void nullableReferences(OpenAPI api) {
		if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
			return;
		}
		for (Schema<?> schema : api.getComponents().getSchemas().values()) {
			Map<String, Schema> properties = schema.getProperties();
			if (properties == null) {
				continue;
			}
			properties.replaceAll((name, property) -> {
				boolean nullable = Boolean.TRUE.equals(property.getNullable())
						|| (property.getTypes() != null && property.getTypes().contains("null"));
				if (property.get$ref() == null || !nullable) {
					return property;
				}
				Schema<?> either = new Schema<>();
				either.setDescription(property.getDescription());
				either.setAnyOf(List.of(new Schema<>().$ref(property.get$ref()), new Schema<>().types(Set.of("null"))));
				return either;
			});
		}
	}

	private static boolean needsKey(OpenAPI api, Operation operation) {
		List<SecurityRequirement> security = (operation.getSecurity() != null) ? operation.getSecurity()
				: api.getSecurity();
		return security != null && !security.isEmpty();
	}

	private static Schema<?> problemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type",
				new StringSchema().description("A URI that identifies the kind of problem").example("about:blank"));
		properties.put("title", new StringSchema().description("A short summary of the kind of problem"));
		properties.put("status", new IntegerSchema().description("The HTTP status code"));
		properties.put("detail", new StringSchema().description("What went wrong, in words"));
		properties.put("instance", new StringSchema().description("The path of the request"));
		properties.put("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))
			.description("The fields at fault, by their path in the request (`lines[0].sku`)"));
		properties.put("current", new Schema<>()
			.description("On a version conflict: the resource as it is stored now, to base a new change on"));
		properties.put("differences", new ArraySchema().items(new StringSchema())
			.description("On an order number posted again with another body: the fields that differ"));
		ObjectSchema schema = new ObjectSchema();
		schema.setProperties(properties);
		schema.required(List.of("status", "title")).description("RFC 9457 problem details");
		return schema;
	}

	private static Schema<?> fieldErrorSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("field", new StringSchema().description("The field's path in the request"));
		properties.put("message", new StringSchema().description("What is wrong with it"));
		ObjectSchema schema = new ObjectSchema();
		schema.setProperties(properties);
		schema.required(List.of("field", "message"));
		return schema;
	}

	private static Map<String, ApiResponse> responses() {
		Map<String, ApiResponse> responses = new LinkedHashMap<>();
		responses.put("BadRequest",
				problem("A value no request may carry: missing, of the wrong type or out of bounds", 400,
						"Invalid request", "lines[0].quantity must be less than or equal to 1000000",
						Map.of("field", "lines[0].quantity", "message", "must be less than or equal to 1000000")));
		responses.put("Unauthorized", problem("No API key, or an unknown one", 401, "Unauthorized",
				"Send a valid API key as 'Authorization: Bearer <key>'", null));
		responses.put("NotFound", problem("Nothing has the identifier in the path", 404, "Not found",
				"No order with number 'BO-1'", null));
		responses.put("Conflict",
				problem("The request conflicts with what is stored", 409, "Changed by someone else",
						"Restock 42 was changed by someone else",
						Map.of("field", "version", "message", "is out of date; the current state is in 'current'")));
		responses.put("Unprocessable",
				problem("The request breaks a rule against what is stored (an unknown SKU, more than is allocated)",
						422, "Request breaks a rule", "No product with SKU 'LAMP-9'",
						Map.of("field", "lines[0].sku", "message", "No product with SKU 'LAMP-9'")));
		responses.put("TooManyRequests",
				problem("Too many requests from this client; `Retry-After` says how many seconds to wait", 429,
						"Too many requests", "Try again in 12 seconds", null)
					.addHeaderObject("Retry-After", retryAfter()));
		responses.put("Unavailable",
				problem("The database cannot be reached; `Retry-After` says how many seconds to wait", 503,
						"Service unavailable", "Back in a moment: try again shortly", null)
					.addHeaderObject("Retry-After", retryAfter()));
		return responses;
	}

	private static ApiResponse problem(String description, int status, String title, String detail,
			@Nullable Map<String, String> error) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		body.put("instance", "/api/v1/orders");
		if (error != null) {
			body.put("errors", List.of(error));
		}
		MediaType problemJson = new MediaType().schema(new Schema<>().$ref(ApiDocs.PROBLEM_SCHEMA))
			.addExamples(title, new Example().summary(title).value(body));
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON, problemJson));
	}

	private static Header retryAfter() {
		return new Header().description("Seconds to wait before trying again").schema(new IntegerSchema());
	}

}
