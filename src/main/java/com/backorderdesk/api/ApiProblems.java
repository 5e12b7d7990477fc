package com.backorderdesk.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import com.backorderdesk.ConflictException;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.InvalidValueException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.orders.DifferentOrderException;
import com.backorderdesk.orders.LineWording;
import com.backorderdesk.orders.OrderView;
import com.backorderdesk.orders.SplitShipmentRefusedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every API error as RFC 9457 problem details. Errors about the request body name the
 * offending fields in {@code errors[].field}, using the body's own paths
 * ({@code lines[0].sku}).
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");

	private final LineWording wording;

	ApiProblems(LineWording wording) {
		this.wording = wording;
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, String>> errors = ex.getFieldErrors().stream().map(ApiProblems::error).toList();
		String detail = errors.stream()
			.map((error) -> error.get("field") + " " + error.get("message"))
			.collect(Collectors.joining("; "));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
		return Mono.just(ResponseEntity.badRequest().body(problem));
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		JacksonException json = jacksonCause(ex);
		if (json != null) {
			String duplicate = duplicateField(json);
			String field = (duplicate != null) ? duplicate : path(json);
			String message = (duplicate != null) ? "appears twice in the request body" : !field.isEmpty()
					? message(json)
					: (json instanceof MismatchedInputException) ? "must be a JSON object" : "is not valid JSON";
			String detail = field.isEmpty() ? "The request body " + message : field + " " + message;
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail,
					List.of(Map.of("field", field, "message", message)));
			return Mono.just(ResponseEntity.badRequest().body(problem));
		}
		MethodParameter method = ex.getMethodParameter();
		if (method != null && method.hasParameterAnnotation(RequestBody.class)) {
			// no body at all, or the JSON literal null: the body as a whole is named, as
			// for a body that is not JSON
			String message = "is required: send a JSON object";
			ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body",
					"The request body " + message, List.of(Map.of("field", "", "message", message)));
			return Mono.just(ResponseEntity.badRequest().body(problem));
		}
		String parameter = parameterName(method);
		if (parameter != null) {
			return parameterProblem(parameter, parameterMessage(ex));
		}
		return super.handleServerWebInputException(ex, headers, status, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(MissingRequestValueException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		return parameterProblem(ex.getName(), "is required");
	}

	private static Mono<ResponseEntity<Object>> parameterProblem(String parameter, String message) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", parameter + " " + message,
				List.of(Map.of("field", parameter, "message", message)));
		return Mono.just(ResponseEntity.badRequest().body(problem));
	}

	/**
	 * The name a client gave a query parameter or path variable ({@code quantity},
	 * {@code id}); {@code null} for the body, which names its own fields.
	 */
	private static @Nullable String parameterName(@Nullable MethodParameter parameter) {
		if (parameter == null) {
			return null;
		}
		RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
		if (query != null) {
			return StringUtils.hasText(query.name()) ? query.name() : parameter.getParameterName();
		}
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		if (path != null) {
			return StringUtils.hasText(path.name()) ? path.name() : parameter.getParameterName();
		}
		return null;
	}

	/** Says what is wrong with a query parameter or path variable. */
	private static String parameterMessage(ServerWebInputException ex) {
		if (ex.getCause() instanceof TypeMismatchException mismatch && isWholeNumber(mismatch.getRequiredType())) {
			return (mismatch.getValue() instanceof String text && WHOLE.matcher(text.strip()).matches())
					? "is too large or too small a number" : "must be a whole number";
		}
		return "has a value of the wrong type or format";
	}

	/**
	 * A value no request may carry (out of bounds, too long, malformed): 400 like a
	 * validation failure, though a service found it.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidValue(InvalidValueException ex) {
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getField() + ": " + ex.getMessage(),
					List.of(Map.of("field", ex.getField(), "message", String.valueOf(ex.getMessage())))));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidInputException ex) {
		return ResponseEntity.unprocessableContent()
			.body(problem(HttpStatus.UNPROCESSABLE_CONTENT, "Request breaks a rule", ex.getMessage(),
					List.of(Map.of("field", ex.getField(), "message", String.valueOf(ex.getMessage())))));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		if (ex.getField().isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), List.of()));
		}
		return ResponseEntity.unprocessableContent()
			.body(problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown reference", ex.getMessage(),
					List.of(Map.of("field", ex.getField(), "message", String.valueOf(ex.getMessage())))));
	}

	/**
	 * An order number placed again with another body: 409 naming the fields that differ,
	 * with the stored order.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> differentOrder(DifferentOrderException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Order number already used", ex.getMessage(),
				ex.getFields()
					.stream()
					.map((field) -> Map.of("field", field, "message", "differs from the stored order"))
					.toList());
		problem.setProperty("differences", ex.getFields());
		problem.setProperty("current", OrderStatus.of((OrderView) ex.getCurrent(), this.wording));
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Changed by someone else", ex.getMessage(),
				List.of(Map.of("field", "version", "message", "is out of date; the current state is in 'current'")));
		problem.setProperty("current", ex.getCurrent());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	/**
	 * A shipment the customer's choice to ship everything together refuses: the problem
	 * names the choice, and the field that would override it.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> splitRefused(SplitShipmentRefusedException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "The customer chose to ship everything together",
				ex.getMessage(), List.of(Map.of("field", "overrideShipPreference", "message",
						"must be true to split an order whose shipPreference is " + ex.getShipPreference())));
		problem.setProperty("shipPreference", ex.getShipPreference().name());
		problem.setProperty("unitsLeft", ex.getUnitsLeft());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail,
			List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	private static Map<String, String> error(FieldError error) {
		return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
	}

	private static @Nullable JacksonException jacksonCause(Throwable ex) {
		Throwable cause = ex;
		while (cause != null) {
			if (cause instanceof JacksonException jackson) {
				return jackson;
			}
			if (cause instanceof DecodingException && cause.getCause() == null) {
				return null;
			}
			cause = cause.getCause();
		}
		return null;
	}

	/**
	 * Says what is wrong with a value the body could not be read into: a number that is
	 * not whole, or too large for its field, gets its own words.
	 */
	private static String message(JacksonException ex) {
		if (ex instanceof UnrecognizedPropertyException) {
			return "is not a field of this request";
		}
		Class<?> target = (ex instanceof MismatchedInputException mismatched) ? mismatched.getTargetType()
				: (ex instanceof InputCoercionException coercion) ? coercion.getTargetType() : null;
		if (isWholeNumber(target)) {
			return (ex instanceof InputCoercionException) ? "is too large or too small a number"
					: "must be a whole number";
		}
		return "has a value of the wrong type or format";
	}

	private static boolean isWholeNumber(@Nullable Class<?> type) {
		return type == int.class || type == Integer.class || type == long.class || type == Long.class
				|| type == short.class || type == Short.class;
	}

	/**
	 * The path of a field the body gives twice ({@code lines[0].sku}), read from where
	 * the parser stopped; {@code null} when the error is another one.
	 */
	private static @Nullable String duplicateField(JacksonException ex) {
		// Jackson has no type of its own for this error: its message tells it apart
		String original = ex.getOriginalMessage();
		if (!(ex instanceof StreamReadException read) || original == null
				|| !original.startsWith("Duplicate Object property")) {
			return null;
		}
		JsonParser parser = read.processor();
		if (parser == null) {
			return null;
		}
		List<String> segments = new ArrayList<>();
		for (TokenStreamContext context = parser.streamReadContext(); context != null
				&& !context.inRoot(); context = context.getParent()) {
			if (context.inObject() && context.currentName() != null) {
				segments.add(0, context.currentName());
			}
			else if (context.inArray()) {
				segments.add(0, "[" + context.getCurrentIndex() + "]");
			}
		}
		StringBuilder path = new StringBuilder();
		for (String segment : segments) {
			if (!path.isEmpty() && !segment.startsWith("[")) {
				path.append('.');
			}
			path.append(segment);
		}
		return path.toString();
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
