package com.backorderdesk.api;

/**
 * How every route under {@code /api/} documents itself, for the controllers of any
 * module. The OpenAPI 3.1 description is read from the code (springdoc) and served at
 * {@code /api/openapi.json}, Swagger UI at {@code /api/docs};
 * {@code ApiDocumentationTests} fails for a route that breaks these rules.
 *
 * <ul>
 * <li>The controller has a {@code @Tag(name, description)}; each handler an
 * {@code @Operation(summary, description)} that says what it takes and returns (units:
 * cents, days, shop-zone dates) and which rule decides.</li>
 * <li>Each success response has an {@code @ApiResponse} with its schema and at least one
 * {@code @ExampleObject}; a request body has an example too
 * ({@code @io.swagger.v3.oas.annotations.parameters.RequestBody}). Examples are JSON that
 * must validate against the schema they illustrate.</li>
 * <li>Errors reuse the shared problem+json responses by reference:
 * {@code @ApiResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)}. {@code 401} and
 * {@code 503} are added to every operation that needs a key, and {@code 503} to every
 * other, by the documentation itself.</li>
 * <li>A route that needs no key says so with an empty {@code @SecurityRequirements}.</li>
 * </ul>
 */
public final class ApiDocs {

	/** The security scheme: {@code Authorization: Bearer <key>}. */
	public static final String API_KEY = "apiKey";

	/** The schema of every error body (RFC 9457). */
	public static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

	/** 400: a value no request may carry; {@code errors[].field} names it. */
	public static final String BAD_REQUEST = "#/components/responses/BadRequest";

	/** 401: no key, or an unknown one. */
	public static final String UNAUTHORIZED = "#/components/responses/Unauthorized";

	/** 404: the resource the path names does not exist. */
	public static final String NOT_FOUND = "#/components/responses/NotFound";

	/** 409: the request conflicts with what is stored. */
	public static final String CONFLICT = "#/components/responses/Conflict";

	/** 422: the request breaks a rule against what is stored. */
	public static final String UNPROCESSABLE = "#/components/responses/Unprocessable";

	/** 429: too many requests from this client; {@code Retry-After} says how long. */
	public static final String TOO_MANY_REQUESTS = "#/components/responses/TooManyRequests";

	/** 503: the database is away; {@code Retry-After} says when to try again. */
	public static final String UNAVAILABLE = "#/components/responses/Unavailable";

	private ApiDocs() {
	}

}
