package com.backorderdesk.embedded;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import com.backorderdesk.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev mailbox as a developer reads it: newest first whatever mailbox the SMTP server
 * filed an e-mail in, narrowed to one recipient, and each e-mail served as sent, with its
 * styles, under a policy that lets nothing run or call out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "backorder.dev-mailbox.enabled=true")
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestMail.Mailbox.class)
class DevMailboxTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	private WebTestClient http;

	@Test
	void whenMailGoesToSeveralRecipientsThenTheNewestIsListedFirstAndTheFilterKeepsOnlyOneRecipient() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String first = "first-" + tag + "@example.com";
		String second = "second-" + tag + "@example.com";
		Instant now = Instant.now();
		// the server files mail by mailbox: the first address's two e-mails sit together
		send(first, "Oldest " + tag, now.minusSeconds(7200));
		send(second, "Middle " + tag, now.minusSeconds(3600));
		send(first, "Newest " + tag, now);
		TestMail.get().await(first, 2, TIMEOUT);
		TestMail.get().await(second, 1, TIMEOUT);

		String all = page("/dev/mailbox?to=" + tag);
		assertThat(all).contains("3 e-mail to addresses containing");
		assertThat(all.indexOf("Newest " + tag)).isPositive()
			.isLessThan(all.indexOf("Middle " + tag))
			.as("newest first");
		assertThat(all.indexOf("Middle " + tag)).isLessThan(all.indexOf("Oldest " + tag));

		String firstOnly = page("/dev/mailbox?to=" + first.toUpperCase());
		assertThat(firstOnly).contains("Newest " + tag, "Oldest " + tag).doesNotContain("Middle " + tag);
		assertThat(firstOnly.indexOf("Newest " + tag)).isLessThan(firstOnly.indexOf("Oldest " + tag));
	}

	@Test
	void whenAnEmailIsOpenedThenItsOwnHtmlWithStylesIsFramedUnderAStrictPolicy() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String to = "styled-" + tag + "@example.com";
		send(to, "Styled " + tag, Instant.now());
		TestMail.get().await(to, 1, TIMEOUT);
		String id = DevMailboxController.id(TestMail.get().messagesTo(to).get(0));

		String message = page("/dev/mailbox/" + id);
		assertThat(message).contains("<iframe class=\"mail-frame\" src=\"/dev/mailbox/" + id + "/html\"")
			.contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"")
			.contains("Plain words " + tag);

		this.http.get()
			.uri("/dev/mailbox/{id}/html", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Content-Security-Policy", DevMailboxController.MAIL_POLICY)
			.expectHeader()
			.valueEquals("X-Frame-Options", "SAMEORIGIN")
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<head><base target=\"_top\">")
				.contains("<style>p { color: #1d5c3a; }</style>")
				.contains("style=\"font-weight:bold\""));
	}

	@Test
	void whenAnEmailIsUnknownThenItsPagesAreNotFound() {
		this.http.get().uri("/dev/mailbox/0123456789abcdef").exchange().expectStatus().isNotFound();
		this.http.get().uri("/dev/mailbox/0123456789abcdef/html").exchange().expectStatus().isNotFound();
	}

	private String page(String path) {
		return this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static void send(String to, String subject, Instant sent) throws MessagingException {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", Integer.toString(TestMail.get().smtp().getSmtp().getPort()));
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("shop@example.com"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		message.setSubject(subject);
		message.setSentDate(Date.from(sent));
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Plain words " + subject.substring(subject.indexOf(' ') + 1), "UTF-8");
		MimeBodyPart html = new MimeBodyPart();
		html.setContent(
				"<!DOCTYPE html><html><head><style>p { color: #1d5c3a; }</style></head>"
						+ "<body><p style=\"font-weight:bold\">" + subject
						+ "</p><a href=\"http://127.0.0.1/o/x\">Open</a>" + "</body></html>",
				"text/html; charset=UTF-8");
		MimeMultipart alternative = new MimeMultipart("alternative", text, html);
		message.setContent(alternative);
		Transport.send(message);
	}

}
