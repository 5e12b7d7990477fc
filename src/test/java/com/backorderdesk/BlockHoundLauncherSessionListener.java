package com.backorderdesk;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound before any test runs, so that every test fails when code blocks a
 * thread that must not block (an event loop, a parallel scheduler). Registered in
 * {@code META-INF/services}.
 */
public class BlockHoundLauncherSessionListener implements LauncherSessionListener {

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		// Once per JVM: BlockHound ignores later installs
		BlockHound.install((builder) -> builder
			// Opening an R2DBC connection: the SCRAM nonce comes from SecureRandom, which
			// reads /dev/urandom, a read that never waits (r2dbc-postgresql issue #623)
			.allowBlockingCallsInside("com.ongres.scram.common.ScramFunctions", "nonce")
			// SecureRandom.nextBytes (CSRF tokens, session ids, signing keys) reads
			// /dev/urandom, which never waits; generateSeed (/dev/random) stays flagged
			.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes")
			// Netty 4.2's adaptive buffer allocator guards its magazines with a
			// StampedLock held for a few instructions, never for I/O
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines")
			.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
			// springdoc computes the API description once, under a lock, and serves it
			// from
			// its cache afterwards (springdoc.pre-loading-enabled starts it at start-up)
			.allowBlockingCallsInside("org.springdoc.api.AbstractOpenApiResource", "getOpenApi")
			// Thymeleaf reads its classpath resources once, on first use, and serves them
			// from memory afterwards (template cache on)
			.allowBlockingCallsInside("org.thymeleaf.TemplateEngine", "initialize")
			.allowBlockingCallsInside("org.thymeleaf.spring6.templateresource.SpringResourceTemplateResource", "reader")
			.allowBlockingCallsInside("org.thymeleaf.templateparser.markup.AbstractMarkupTemplateParser", "parse")
			// Thymeleaf registers an attribute name it meets for the first time under a
			// short write lock; a render on another thread waits on the read lock
			// meanwhile
			.allowBlockingCallsInside("org.thymeleaf.engine.AttributeDefinitions$AttributeDefinitionRepository",
					"getAttribute")
			.allowBlockingCallsInside("org.thymeleaf.engine.AttributeDefinitions$AttributeDefinitionRepository",
					"storeAttribute")
			// Jackson builds a type's deserializer once, under a lock held while building
			// it,
			// and serves it from its cache afterwards
			.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
					"_createAndCacheValueDeserializer")
			// Hibernate Validator reads a type's constraints once, under a lock held
			// while
			// reading them, and serves them from its cache afterwards
			.allowBlockingCallsInside("org.hibernate.validator.internal.metadata.BeanMetaDataManagerImpl",
					"getBeanMetaData")
			// Message bundles are read from the class path once per locale, then cached
			.allowBlockingCallsInside("org.springframework.context.support.ResourceBundleMessageSource",
					"getResourceBundle")
			.allowBlockingCallsInside("org.hibernate.validator.resourceloading.PlatformResourceBundleLocator",
					"getResourceBundle")
			// Hibernate Validator caches each message template it has parsed in a map
			// whose segments take a short lock on insert: two requests inserting at once
			// wait a few microseconds for each other, once per template
			.allowBlockingCallsInside("org.hibernate.validator.messageinterpolation.AbstractMessageInterpolator",
					"interpolateMessage"));
	}

}
