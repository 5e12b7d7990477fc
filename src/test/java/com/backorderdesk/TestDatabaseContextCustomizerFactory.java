package com.backorderdesk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points every Spring test context at the {@link TestDatabase}, which also keeps the
 * embedded mode off in tests, and at the {@link TestMail} SMTP server. Registered in
 * {@code META-INF/spring.factories}, so no test has to ask for it.
 */
class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new TestDatabaseContextCustomizer();
	}

	/**
	 * Holds no state: the database is the same for every context, so all customizers are
	 * equal and leave Spring's context cache working.
	 */
	static final class TestDatabaseContextCustomizer implements ContextCustomizer {

		static final String PROPERTY_SOURCE = "testDatabase";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			Map<String, Object> properties = new HashMap<>(TestDatabase.get().applicationProperties());
			properties.putAll(TestMail.get().applicationProperties());
			MapPropertySource database = new MapPropertySource(PROPERTY_SOURCE, properties);
			// Below a test's own properties: a test can still point elsewhere
			String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
			if (sources.contains(inlined)) {
				sources.addAfter(inlined, database);
			}
			else {
				sources.addFirst(database);
			}
		}

		@Override
		public boolean equals(Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
