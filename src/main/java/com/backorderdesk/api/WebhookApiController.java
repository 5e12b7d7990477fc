package com.backorderdesk.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.integration.CreatedEndpoint;
import com.backorderdesk.integration.WebhookEndpoint;
import com.backorderdesk.integration.WebhookEndpoints;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The endpoints our signed webhooks go to, for systems that register themselves: create
 * one (its secret is in the answer, and only there), list, read, switch on or off, send
 * it a test event, delete it. The same endpoints are managed on the admin page.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks",
		description = "Endpoints that receive signed webhooks (Standard Webhooks: webhook-id, "
				+ "webhook-timestamp, webhook-signature) when order lines change, items are cancelled or shipped, "
				+ "substitutes are accepted and refunds become due")
class WebhookApiController {

	private static final String PROBLEM = "application/problem+json";

	private final WebhookEndpoints endpoints;

	WebhookApiController(WebhookEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@PostMapping
	@Operation(summary = "Create a webhook endpoint",
			description = "The URL must be https on the public internet. The answer holds the secret "
					+ "(whsec_…) that signs every webhook: it is shown this once.")
	@ApiResponse(responseCode = "201", description = "Created, with its secret",
			content = @Content(schema = @Schema(implementation = CreatedBody.class),
					examples = @ExampleObject(name = "created", value = ApiExamples.WEBHOOK_CREATED)))
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(schema = @Schema(implementation = NewEndpointBody.class),
					examples = @ExampleObject(name = "endpoint", value = ApiExamples.WEBHOOK_BODY)))
	@ApiResponse(responseCode = "400", description = "A field is missing or not allowed (errors[].field names it)",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "422", description = "As many endpoints as allowed exist already",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<CreatedBody>> create(@Valid @RequestBody NewEndpointBody body, UriComponentsBuilder uri) {
		return ApiActor.current()
			.flatMap((actor) -> this.endpoints.create(Objects.requireNonNull(body.url()),
					Objects.requireNonNull(body.eventTypes()), body.description(), actor))
			.map((created) -> ResponseEntity
				.created(uri.path("/api/v1/webhooks/{id}").buildAndExpand(created.endpoint().id()).toUri())
				.body(CreatedBody.of(created)));
	}

	@GetMapping
	@Operation(summary = "List the webhook endpoints", description = "Oldest first; secrets are never shown.")
	@ApiResponse(responseCode = "200", description = "The endpoints",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = EndpointBody.class)),
					examples = @ExampleObject(name = "endpoints", value = ApiExamples.WEBHOOK_ENDPOINTS)))
	Mono<List<EndpointBody>> list() {
		return this.endpoints.list().map((all) -> all.stream().map(EndpointBody::of).toList());
	}

	@GetMapping("/{id}")
	@Operation(summary = "Read a webhook endpoint")
	@ApiResponse(responseCode = "200", description = "The endpoint, without its secret",
			content = @Content(schema = @Schema(implementation = EndpointBody.class),
					examples = @ExampleObject(name = "endpoint", value = ApiExamples.WEBHOOK_ENDPOINT)))
	@ApiResponse(responseCode = "404", description = "No such endpoint",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	Mono<EndpointBody> find(@Parameter(description = "The endpoint's id", example = "7") @PathVariable long id) {
		return this.endpoints.find(id).map(EndpointBody::of);
	}

	@PatchMapping("/{id}")
	@Operation(summary = "Switch a webhook endpoint on or off",
			description = "Off, it gets no new webhooks and its pending ones wait; on again, they go out. "
					+ "The version must be the one last read.")
	@ApiResponse(responseCode = "200", description = "The endpoint now",
			content = @Content(schema = @Schema(implementation = EndpointBody.class),
					examples = @ExampleObject(name = "endpoint", value = ApiExamples.WEBHOOK_ENDPOINT)))
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(schema = @Schema(implementation = SwitchBody.class),
					examples = @ExampleObject(name = "switch", value = ApiExamples.WEBHOOK_SWITCH)))
	@ApiResponse(responseCode = "400", description = "A field is missing or out of bounds",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "No such endpoint",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "409", description = "Changed since that version; 'current' holds it now",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	Mono<EndpointBody> update(@Parameter(description = "The endpoint's id", example = "7") @PathVariable long id,
			@Valid @RequestBody SwitchBody body) {
		return ApiActor.current()
			.flatMap((actor) -> this.endpoints.setActive(id, Objects.requireNonNull(body.active()),
					Objects.requireNonNull(body.version()), actor))
			.map(EndpointBody::of);
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a webhook endpoint", description = "Its pending deliveries and log go with it.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "404", description = "No such endpoint",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<Void>> delete(
			@Parameter(description = "The endpoint's id", example = "7") @PathVariable long id) {
		return ApiActor.current()
			.flatMap((actor) -> this.endpoints.delete(id, actor))
			.thenReturn(ResponseEntity.noContent().build());
	}

	@PostMapping("/{id}/test")
	@Operation(summary = "Send a test event to a webhook endpoint",
			description = "A signed webhook of type webhook.test, queued and sent like any other.")
	@ApiResponse(responseCode = "202", description = "Queued: the delivery's id",
			content = @Content(schema = @Schema(implementation = Queued.class),
					examples = @ExampleObject(name = "queued", value = ApiExamples.WEBHOOK_TEST)))
	@ApiResponse(responseCode = "404", description = "No such endpoint",
			content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
	Mono<ResponseEntity<Queued>> test(
			@Parameter(description = "The endpoint's id", example = "7") @PathVariable long id) {
		return ApiActor.current()
			.flatMap((actor) -> this.endpoints.sendTest(id, actor))
			.map((deliveryId) -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new Queued(deliveryId)));
	}

	/**
	 * A new endpoint.
	 *
	 * @param url where to post
	 * @param eventTypes what it subscribes to
	 * @param description what people call it
	 */
	@Schema(name = "NewWebhookEndpoint")
	record NewEndpointBody(@Schema(description = "An https address on the public internet",
			example = "https://erp.example.com/hooks/backorder") @NotBlank @Size(max = 2000) @Nullable String url,
			@ArraySchema(schema = @Schema(allowableValues = {
					"order.line.status_changed", "order.line.eta_changed", "order.line.cancelled",
					"order.ship_preference_changed", "substitution.accepted", "shipment.recorded", "refund.due" },
					example = "order.line.cancelled"), minItems = 1,
					maxItems = 20) @NotEmpty @Size(max = 20) @Nullable List<@NotBlank String> eventTypes,
			@Schema(description = "What people call it",
					example = "ERP") @Size(max = 200) @Nullable String description){
	}

	/**
	 * A switch.
	 *
	 * @param active on or off
	 * @param version the version last read
	 */
	@Schema(name = "WebhookEndpointSwitch")
	record SwitchBody(@Schema(example = "false") @NotNull @Nullable Boolean active,
			@Schema(example = "0") @NotNull @PositiveOrZero @Nullable Long version) {
	}

	/**
	 * An endpoint as the API shows it.
	 *
	 * @param id its id
	 * @param url where webhooks go
	 * @param eventTypes what it subscribes to
	 * @param active whether webhooks are sent
	 * @param description what people call it
	 * @param createdAt when it was created
	 * @param version optimistic lock version
	 */
	@Schema(name = "WebhookEndpoint")
	record EndpointBody(@Schema(example = "7") long id,
			@Schema(example = "https://erp.example.com/hooks/backorder") String url,
			@ArraySchema(schema = @Schema(example = "order.line.cancelled")) List<String> eventTypes,
			@Schema(example = "true") boolean active, @Schema(example = "ERP") String description,
			@Schema(example = "2026-01-05T10:15:30Z") Instant createdAt, @Schema(example = "0") long version) {

		static EndpointBody of(WebhookEndpoint endpoint) {
			return new EndpointBody(endpoint.id(), endpoint.url(), endpoint.eventTypes(), endpoint.active(),
					endpoint.description(), endpoint.createdAt(), endpoint.version());
		}

	}

	/**
	 * An endpoint just created, with its secret.
	 *
	 * @param id its id
	 * @param url where webhooks go
	 * @param eventTypes what it subscribes to
	 * @param active whether webhooks are sent
	 * @param description what people call it
	 * @param createdAt when it was created
	 * @param version optimistic lock version
	 * @param secret what verifies the signatures; shown only here
	 */
	@Schema(name = "CreatedWebhookEndpoint")
	record CreatedBody(@Schema(example = "7") long id,
			@Schema(example = "https://erp.example.com/hooks/backorder") String url,
			@ArraySchema(schema = @Schema(example = "order.line.cancelled")) List<String> eventTypes,
			@Schema(example = "true") boolean active, @Schema(example = "ERP") String description,
			@Schema(example = "2026-01-05T10:15:30Z") Instant createdAt, @Schema(example = "0") long version,
			@Schema(description = "Verifies the webhook-signature header; shown only in this answer",
					example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret) {

		static CreatedBody of(CreatedEndpoint created) {
			WebhookEndpoint endpoint = created.endpoint();
			return new CreatedBody(endpoint.id(), endpoint.url(), endpoint.eventTypes(), endpoint.active(),
					endpoint.description(), endpoint.createdAt(), endpoint.version(), created.secret());
		}

	}

	/**
	 * A test webhook, queued.
	 *
	 * @param deliveryId the delivery's id, as the endpoint's delivery log shows it
	 */
	@Schema(name = "QueuedWebhook")
	record Queued(@Schema(example = "12") long deliveryId) {
	}

}
