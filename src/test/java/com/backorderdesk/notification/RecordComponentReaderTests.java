package com.backorderdesk.notification;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.expression.AccessException;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.support.StandardEvaluationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecordComponentReaderTests {

	private final EvaluationContext context = new StandardEvaluationContext();

	private final RecordComponentReader reader = new RecordComponentReader(MailView.class, MailView.Row.class);

	private final MailView view = new MailView("Subject", "Hello Ada,", List.of("Intro"),
			List.of(new MailView.Row("1 × Lamp", "Now Jan 12", "3 days later")), List.of(), List.of(), null, null,
			java.util.Locale.ENGLISH);

	@Test
	void whenComponentIsReadThenItsValueComesBack() throws AccessException {
		assertThat(this.reader.canRead(this.context, this.view, "subject")).isTrue();
		assertThat(this.reader.read(this.context, this.view, "subject").getValue()).isEqualTo("Subject");
		assertThat(this.reader.read(this.context, this.view.rows().get(0), "meaning").getValue())
			.isEqualTo("3 days later");
		assertThat(this.reader.read(this.context, this.view, "orderLink").getValue()).isNull();
	}

	@Test
	void whenNameIsNoComponentOrTypeIsNotListedThenNothingIsRead() {
		assertThat(this.reader.canRead(this.context, this.view, "getClass")).isFalse();
		assertThat(this.reader.canRead(this.context, this.view, "hashCode")).isFalse();
		assertThat(this.reader.canRead(this.context, new MailView.Action("See", "/o/x"), "href")).isFalse();
		assertThat(this.reader.canRead(this.context, null, "subject")).isFalse();
		assertThat(this.reader.canWrite(this.context, this.view, "subject")).isFalse();
		assertThatExceptionOfType(AccessException.class)
			.isThrownBy(() -> this.reader.read(this.context, "text", "subject"));
	}

	@Test
	void whenTypeIsNoRecordThenReaderIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RecordComponentReader(String.class));
	}

}
