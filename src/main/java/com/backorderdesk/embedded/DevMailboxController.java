package com.backorderdesk.embedded;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The embedded mode's mailbox: every e-mail the embedded SMTP server received, newest
 * first, each shown as HTML (links clickable) and as plain text. It exists only in
 * embedded mode; in production these paths are 404.
 */
@Controller
@ConditionalOnBooleanProperty("backorder.dev-mailbox.enabled")
class DevMailboxController {

	private static final Pattern BODY = Pattern.compile("(?is)<body[^>]*>(.*)</body>");

	private final GreenMail smtp;

	DevMailboxController(GreenMail smtp) {
		this.smtp = smtp;
	}

	@GetMapping("/dev/mailbox")
	Mono<String> list(Model model) {
		return Mono.fromCallable(() -> {
			MimeMessage[] received = this.smtp.getReceivedMessages();
			List<Entry> entries = new ArrayList<>(received.length);
			for (int i = received.length - 1; i >= 0; i--) {
				entries.add(entry(i, received[i]));
			}
			model.addAttribute("messages", entries);
			return "embedded/mailbox";
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@GetMapping("/dev/mailbox/{index}")
	Mono<String> show(@PathVariable int index, Model model) {
		return Mono.fromCallable(() -> {
			MimeMessage[] received = this.smtp.getReceivedMessages();
			if (index < 0 || index >= received.length) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such message");
			}
			MimeMessage message = received[index];
			model.addAttribute("message", entry(index, message));
			String html = part(message, "text/html");
			Matcher body = BODY.matcher((html != null) ? html : "");
			model.addAttribute("html", body.find() ? body.group(1) : html);
			model.addAttribute("text", part(message, "text/plain"));
			model.addAttribute("headers", headers(message));
			return "embedded/mailbox-message";
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private static Entry entry(int index, MimeMessage message) throws MessagingException {
		Address[] to = message.getAllRecipients();
		Date sent = message.getSentDate();
		return new Entry(index, (to != null && to.length > 0) ? to[0].toString() : "",
				(message.getSubject() != null) ? message.getSubject() : "",
				(sent != null) ? sent.toInstant().toString() : Instant.EPOCH.toString());
	}

	private static List<String> headers(MimeMessage message) throws MessagingException {
		List<String> headers = new ArrayList<>();
		for (String name : List.of("From", "To", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post")) {
			String value = message.getHeader(name, ", ");
			if (value != null) {
				headers.add(name + ": " + value);
			}
		}
		return headers;
	}

	/** The first part of a type, searching nested multiparts. */
	private static @Nullable String part(Part part, String type) throws MessagingException, IOException {
		if (part.isMimeType(type)) {
			return String.valueOf(part.getContent());
		}
		if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String found = part(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	/**
	 * One message in the list.
	 *
	 * @param index its place in the mailbox, for its address
	 * @param to the first recipient
	 * @param subject the subject
	 * @param sent when it was sent, ISO-8601
	 */
	record Entry(int index, String to, String subject, String sent) {
	}

}
