package com.backorderdesk.notification;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import com.backorderdesk.ShopSettings;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the e-mail tests share: a clock they move by hand, and reading what arrived. Their
 * context runs no dispatcher on its own ({@code backorder.mail.scheduled=false}): tests
 * dispatch when they choose, at the time they set.
 */
final class MailTestSupport {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private MailTestSupport() {
	}

	/** The text of every part of a message of a type ({@code text/html}), joined. */
	static String content(MimeMessage message, String type) {
		try {
			StringBuilder content = new StringBuilder();
			collect(message, type, content);
			return content.toString();
		}
		catch (MessagingException | IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void collect(Part part, String type, StringBuilder content) throws MessagingException, IOException {
		if (part.isMimeType(type)) {
			content.append(part.getContent());
		}
		else if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i), type, content);
			}
		}
	}

	/**
	 * The address of an action in a plain-text e-mail, from its line
	 * {@code "See the offer: http://..."}.
	 * @param text the plain-text part
	 * @param label the start of the line, {@code "See the offer: "}
	 * @return the address
	 */
	static String link(String text, String label) {
		int start = text.indexOf(label);
		if (start < 0) {
			throw new AssertionError("No line '" + label + "...' in:\n" + text);
		}
		int end = text.indexOf('\n', start);
		return text.substring(start + label.length(), (end < 0) ? text.length() : end).strip();
	}

	static String header(MimeMessage message, String name) {
		try {
			// long headers (a subject) arrive folded over several lines
			return MimeUtility.unfold(Objects.requireNonNullElse(message.getHeader(name, ","), ""));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A clock that stands still until a test moves it.
	 */
	static final class MutableClock extends Clock {

		private final ZoneId zone;

		private volatile Instant now;

		MutableClock(Instant now, ZoneId zone) {
			this.now = now;
			this.zone = zone;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return new MutableClock(this.now, zone);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	/**
	 * Replaces the shop's clock.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		@Primary
		MutableClock testClock(ShopSettings shop) {
			return new MutableClock(Instant.now(), shop.zone());
		}

	}

}
