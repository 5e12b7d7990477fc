package com.backorderdesk;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Keeps the feature packages honest: a module uses another only through its public types,
 * and no two modules depend on each other in a cycle.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(BackorderDeskApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicFaces() {
		this.modules.verify();
	}

}
