package com.backorderdesk.api;

import java.util.Collection;
import java.util.List;

import com.backorderdesk.InvalidValueException;
import org.springframework.core.MethodParameter;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * A query parameter that takes one value, given more than once
 * ({@code ?status=ALLOCATED&status=SHIPPED}, {@code ?limit=1&limit=200}), is refused with
 * a 400 problem naming it, rather than the first value silently winning while the client
 * believes it filtered by both. Parameters that take several ({@code sku} on products,
 * stock and availability) are read as lists and may repeat. Runs before the call's
 * arguments are read, for every API controller.
 */
@ControllerAdvice(basePackageClasses = SingleValuedParameters.class)
class SingleValuedParameters {

	/**
	 * Refuses a single-valued query parameter given twice.
	 * @param exchange the request, whose matched handler names its parameters
	 * @throws InvalidValueException naming the first parameter given more than once
	 */
	@ModelAttribute
	void refuseRepeats(ServerWebExchange exchange) {
		if (!(exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)) {
			return;
		}
		for (MethodParameter parameter : handler.getMethodParameters()) {
			RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
			Class<?> type = parameter.getParameterType();
			if (query == null || type.isArray() || Collection.class.isAssignableFrom(type)) {
				continue;
			}
			String name = StringUtils.hasText(query.name()) ? query.name() : parameter.getParameterName();
			List<String> values = (name != null) ? exchange.getRequest().getQueryParams().get(name) : null;
			if (values != null && values.size() > 1) {
				throw new InvalidValueException(name,
						"Give this parameter once: it takes one value (it was given " + values.size() + " times).");
			}
		}
	}

}
