package com.backorderdesk.api;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * JSON request bodies are read strictly: a field the request does not have ({@code
 * placedAt} on a new order, a misspelt {@code expectedOn}) is refused with a 400 problem
 * naming it ({@link ApiProblems}), rather than ignored while the client believes it was
 * applied. A field given twice ({@code "sku":"A","sku":"B"}) is refused the same way,
 * rather than the last one silently winning. A number where a name or a flag is asked
 * ({@code "priority": 0}, {@code "shipPreference": "1"}, {@code "overrideShipPreference":
 * 1}) is refused as a value of the wrong type, rather than read as the constant at that
 * position or as {@code true}: a client's mistake must never become a state change. Only
 * the server's reading of requests is strict: the application's own {@link JsonMapper}
 * (stored events, audit entries, webhook payloads) stays as Spring Boot configures it, so
 * rows written by an earlier version are still read.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.LOWEST_PRECEDENCE)
class StrictRequestBodies implements WebFluxConfigurer {

	private final JsonMapper strict;

	StrictRequestBodies(JsonMapper json) {
		this.strict = json.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
			.build();
	}

	@Override
	public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
		configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(this.strict));
	}

}
