package com.backorderdesk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every route the application's controllers map, read from the handler mapping, so tests
 * that go over all routes see a new one without being touched.
 */
public final class MappedRoutes {

	private MappedRoutes() {
	}

	/**
	 * The routes, once per pattern and HTTP method; a mapping without methods counts as
	 * GET.
	 * @param mappings the application's {@code requestMappingHandlerMapping}
	 * @return the routes, in no particular order
	 */
	public static List<Mapped> of(RequestMappingHandlerMapping mappings) {
		List<Mapped> routes = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			Set<HttpMethod> methods = new HashSet<>();
			info.getMethodsCondition().getMethods().forEach((method) -> methods.add(method.asHttpMethod()));
			if (methods.isEmpty()) {
				methods.add(HttpMethod.GET);
			}
			boolean stream = info.getProducesCondition()
				.getProducibleMediaTypes()
				.stream()
				.anyMatch(MediaType.TEXT_EVENT_STREAM::isCompatibleWith);
			for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
				methods
					.forEach((method) -> routes.add(new Mapped(method, pattern.getPatternString(), stream, handler)));
			}
		});
		return routes;
	}

	/**
	 * One route.
	 *
	 * @param method the HTTP method
	 * @param pattern the path pattern, such as {@code /orders/{number}}
	 * @param stream whether it answers with server-sent events
	 * @param handler the controller method
	 */
	public record Mapped(HttpMethod method, String pattern, boolean stream, HandlerMethod handler) {
	}

}
