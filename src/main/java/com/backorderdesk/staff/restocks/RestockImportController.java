package com.backorderdesk.staff.restocks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import reactor.core.publisher.Mono;

import com.backorderdesk.inventory.ImportReport;
import com.backorderdesk.inventory.RestockImport;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;

/**
 * Imports restocks from a CSV upload in two steps. The upload is read and every row
 * checked; a file with any bad row is refused with a report naming each one. A good file
 * is kept and previewed: the restocks it creates, and the open restocks it changes with
 * their values before and after. Only the planner's confirmation applies it, whole, in
 * one transaction, after reading and checking it again: when the restocks changed since
 * the preview, the new preview is shown instead.
 */
@Controller
class RestockImportController {

	/** The largest file taken: far more than {@link RestockImport#MAX_ROWS} rows need. */
	static final int MAX_BYTES = 1024 * 1024;

	private static final String PAGE = "staff/restocks/restock-import";

	private final RestockImport restockImport;

	private final RestockChanges changes;

	private final MessageSource messages;

	private final Clock clock;

	RestockImportController(RestockImport restockImport, RestockChanges changes, MessageSource messages, Clock clock) {
		this.restockImport = restockImport;
		this.changes = changes;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/staff/restocks/import")
	String form(Model model) {
		return page(model);
	}

	/**
	 * A file to start from: the columns, with a row that creates a restock (a row with a
	 * restock id in the last column changes that restock instead).
	 */
	@GetMapping("/staff/restocks/import/template")
	@ResponseBody
	ResponseEntity<String> template() {
		String csv = String.join(",", RestockImport.COLUMNS) + "," + RestockImport.RESTOCK_ID + "\r\n"
				+ "DESK-1,Acme Furniture,40," + LocalDate.now(this.clock).plusDays(30) + ",\r\n";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("restocks-template.csv").build().toString())
			.body(csv);
	}

	@PostMapping("/staff/restocks/import")
	Mono<String> upload(Model model, ServerWebExchange exchange) {
		return exchange.getMultipartData().flatMap((parts) -> {
			Part part = parts.getFirst("file");
			if (!(part instanceof FilePart file)) {
				return Mono.just(refused(model, exchange, fileProblem("staff.restocks.import.noFile", exchange)));
			}
			return DataBufferUtils.join(file.content(), MAX_BYTES).map((buffer) -> {
				try {
					return buffer.toString(StandardCharsets.UTF_8);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			}).defaultIfEmpty("").flatMap((csv) -> this.restockImport.read(csv).flatMap((report) -> {
				if (!report.valid()) {
					return Mono.just(refused(model, exchange, report));
				}
				return RestockPages.actor()
					.flatMap((actor) -> this.restockImport.stage(csv, actor))
					.map((token) -> preview(model, report, token, false));
			}))
				.onErrorResume(DataBufferLimitException.class, (ex) -> Mono
					.just(refused(model, exchange, fileProblem("staff.restocks.import.tooLarge", exchange))));
		});
	}

	/**
	 * Applies a previewed upload, read and checked again, when it still does what the
	 * preview said.
	 */
	@PostMapping("/staff/restocks/import/apply")
	Mono<String> apply(Model model, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap((form) -> {
			String token = Objects.requireNonNullElse(form.getFirst("token"), "");
			String plan = Objects.requireNonNullElse(form.getFirst("plan"), "");
			return RestockPages.actor()
				.flatMap((actor) -> this.restockImport.staged(token, actor)
					.flatMap((csv) -> this.restockImport.read(csv).flatMap((report) -> {
						if (!report.valid()) {
							model.addAttribute("stale", true);
							return Mono.just(refused(model, exchange, report));
						}
						if (!report.fingerprint().equals(plan)) {
							return Mono.just(preview(model, report, token, true));
						}
						return this.changes.applyImport(report, this.restockImport.discard(token), actor)
							.thenReturn("redirect:/staff/restocks?notice=imported&restocks=" + report.restocks().size()
									+ "&changed=" + report.changes().size());
					}))
					.switchIfEmpty(Mono.fromSupplier(() -> {
						model.addAttribute("expired", true);
						exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
						return page(model);
					})));
		});
	}

	private String preview(Model model, ImportReport report, String token, boolean changed) {
		model.addAttribute("preview", report);
		model.addAttribute("token", token);
		model.addAttribute("plan", report.fingerprint());
		model.addAttribute("changedSincePreview", changed);
		return page(model);
	}

	private String refused(Model model, ServerWebExchange exchange, ImportReport report) {
		exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
		model.addAttribute("rows", report.rows());
		model.addAttribute("problems", report.problems());
		return page(model);
	}

	/** A report whose one problem is about the file as a whole. */
	private ImportReport fileProblem(String messageKey, ServerWebExchange exchange) {
		return ImportReport.problem(0, this.messages.getMessage(messageKey, null, RestockPages.locale(exchange)));
	}

	private static String page(Model model) {
		if (!model.containsAttribute("problems")) {
			model.addAttribute("problems", List.of());
		}
		model.addAttribute("columns", String.join(",", RestockImport.COLUMNS));
		model.addAttribute("idColumn", RestockImport.RESTOCK_ID);
		model.addAttribute("maxRows", RestockImport.MAX_ROWS);
		return PAGE;
	}

}
