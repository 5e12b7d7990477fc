package com.backorderdesk.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The embedded mode's mailbox: every e-mail the embedded SMTP server received, newest
 * first, optionally only those to one recipient ({@code ?to=}, any part of the address).
 * A message is shown as its recipient sees it: its own HTML, styles and all, in a
 * sandboxed frame loaded from {@code /dev/mailbox/{id}/html}, which answers with a policy
 * of its own (inline styles and images only, no script, no requests, links open in the
 * whole window), and as plain text. It exists only in embedded mode; in production these
 * paths are 404.
 * <p>
 * A message's id is a digest of its Message-ID and recipient, because the SMTP server
 * lists messages grouped by mailbox, so a place in its list changes as mail arrives.
 */
@Controller
@ConditionalOnBooleanProperty("backorder.dev-mailbox.enabled")
class DevMailboxController {

	/**
	 * The raw e-mail's policy: what an e-mail client allows, and nothing that calls out.
	 */
	static final String MAIL_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
			+ "form-action 'none'; frame-ancestors 'self'; "
			+ "sandbox allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

	private static final int MAX_FILTER = 254;

	private static final Pattern HEAD = Pattern.compile("(?i)<head[^>]*>");

	private final GreenMail smtp;

	DevMailboxController(GreenMail smtp) {
		this.smtp = smtp;
	}

	@GetMapping("/dev/mailbox")
	Mono<String> list(@RequestParam(name = "to", defaultValue = "") String to, Model model) {
		String filter = (to.length() > MAX_FILTER) ? to.substring(0, MAX_FILTER) : to.strip();
		return Mono.fromCallable(() -> {
			List<Entry> entries = new ArrayList<>();
			String wanted = filter.toLowerCase(Locale.ROOT);
			for (MimeMessage message : this.smtp.getReceivedMessages()) {
				Entry entry = entry(message);
				if (entry.to().toLowerCase(Locale.ROOT).contains(wanted)) {
					entries.add(entry);
				}
			}
			entries.sort(Comparator.comparing(Entry::sent).reversed());
			model.addAttribute("to", filter);
			model.addAttribute("messages", entries);
			return "embedded/mailbox";
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@GetMapping("/dev/mailbox/{id}")
	Mono<String> show(@PathVariable String id, Model model) {
		return find(id).map((message) -> {
			try {
				model.addAttribute("message", entry(message));
				model.addAttribute("hasHtml", part(message, "text/html") != null);
				model.addAttribute("text", part(message, "text/plain"));
				model.addAttribute("headers", headers(message));
				return "embedded/mailbox-message";
			}
			catch (MessagingException | IOException ex) {
				throw new IllegalStateException("Could not read e-mail " + id, ex);
			}
		});
	}

	/**
	 * The e-mail's HTML as sent, for the frame on the message's page.
	 */
	@GetMapping(path = "/dev/mailbox/{id}/html", produces = MediaType.TEXT_HTML_VALUE)
	Mono<ResponseEntity<String>> html(@PathVariable String id) {
		return find(id).map((message) -> {
			try {
				String html = part(message, "text/html");
				if (html == null) {
					throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No HTML in this e-mail");
				}
				return ResponseEntity.ok()
					.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
					.cacheControl(CacheControl.noStore())
					.header("Content-Security-Policy", MAIL_POLICY)
					.header("X-Frame-Options", "SAMEORIGIN")
					.body(linksOpenInTheWindow(html));
			}
			catch (MessagingException | IOException ex) {
				throw new IllegalStateException("Could not read e-mail " + id, ex);
			}
		});
	}

	/** A link in the e-mail opens in the whole window, as it would from a mail client. */
	static String linksOpenInTheWindow(String html) {
		java.util.regex.Matcher head = HEAD.matcher(html);
		if (head.find()) {
			return html.substring(0, head.end()) + "<base target=\"_top\">" + html.substring(head.end());
		}
		return "<base target=\"_top\">" + html;
	}

	private Mono<MimeMessage> find(String id) {
		return Mono.fromCallable(() -> {
			for (MimeMessage message : this.smtp.getReceivedMessages()) {
				if (id(message).equals(id)) {
					return message;
				}
			}
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such message");
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private static Entry entry(MimeMessage message) throws MessagingException {
		Date sent = message.getSentDate();
		return new Entry(id(message), recipient(message), (message.getSubject() != null) ? message.getSubject() : "",
				(sent != null) ? sent.toInstant() : Instant.EPOCH);
	}

	private static String recipient(MimeMessage message) throws MessagingException {
		Address[] to = message.getAllRecipients();
		return (to != null && to.length > 0) ? to[0].toString() : "";
	}

	/** The first 16 hex digits of SHA-256 over the Message-ID and the recipient. */
	static String id(MimeMessage message) throws MessagingException {
		try {
			String key = message.getMessageID() + "\n" + recipient(message);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java has SHA-256", ex);
		}
	}

	private static List<String> headers(MimeMessage message) throws MessagingException {
		List<String> headers = new ArrayList<>();
		for (String name : List.of("From", "To", "Date", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post")) {
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
	 * @param id its id, for its address
	 * @param to the first recipient
	 * @param subject the subject
	 * @param sent when it was sent (the Date header, whole seconds)
	 */
	record Entry(String id, String to, String subject, Instant sent) {

		private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
			.withZone(ZoneOffset.UTC);

		/** When it was sent, as {@code 2026-01-31 14:05:09 UTC}. */
		public String sentUtc() {
			return UTC.format(this.sent);
		}

	}

}
