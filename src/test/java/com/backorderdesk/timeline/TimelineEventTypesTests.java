package com.backorderdesk.timeline;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every record that implements {@link TimelineEvent} is registered with the timeline's
 * reader, under a name of its own: the interface cannot be sealed across packages, so
 * this test is what keeps a new event from being stored under no name or read back as
 * {@link UnknownEvent}.
 */
@SpringBootTest
class TimelineEventTypesTests {

	@Autowired
	private OrderEventCodec codec;

	@Test
	void whenAModuleDeclaresATimelineEventThenItIsRegisteredWithTheReader() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent() && !definition.getMetadata().isInterface();
			}
		};
		scanner.addIncludeFilter(new AssignableTypeFilter(TimelineEvent.class));
		Set<String> declared = scanner.findCandidateComponents("com.backorderdesk")
			.stream()
			.map((definition) -> definition.getBeanClassName())
			.collect(Collectors.toSet());
		Set<String> registered = this.codec.registered()
			.keySet()
			.stream()
			.map(Class::getName)
			.collect(Collectors.toSet());
		declared.remove(UnknownEvent.class.getName());
		assertThat(declared).as("timeline events").hasSizeGreaterThan(10);
		assertThat(registered).containsAll(declared);
		assertThat(this.codec.registered().values()).doesNotHaveDuplicates();
	}

}
