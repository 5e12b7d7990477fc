package com.backorderdesk.language;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The message bundles (formatted with ICU) and how a request picks its language. Both
 * replace Spring Boot's defaults, which it backs off from when beans of these names
 * exist.
 */
@Configuration(proxyBeanMethods = false)
class LanguageConfiguration {

	/**
	 * The bundles named by {@code spring.messages.basename}, read as UTF-8; a language
	 * without a bundle of its own falls back to the default bundle, never to the
	 * machine's language.
	 */
	@Bean
	MessageSource messageSource(Environment environment) {
		List<String> basenames = Binder.get(environment)
			.bind("spring.messages.basename", Bindable.listOf(String.class))
			.orElse(List.of("messages"));
		return Languages.messages(basenames.stream().map(String::strip).toArray(String[]::new));
	}

	@Bean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
	LocaleContextResolver localeContextResolver() {
		return new RequestLanguage();
	}

}
