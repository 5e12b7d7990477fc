package com.backorderdesk.staff.restocks;

import java.nio.charset.StandardCharsets;
import java.util.List;

import reactor.core.publisher.Mono;

import com.backorderdesk.inventory.ImportProblem;
import com.backorderdesk.inventory.ImportReport;
import com.backorderdesk.inventory.RestockImport;
import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * Imports restocks from a CSV upload: every row is checked first, and the file is applied
 * whole, in one transaction, or not at all, with a report naming each bad row and why.
 */
@Controller
class RestockImportController {

	/** The largest file taken: far more than {@link RestockImport#MAX_ROWS} rows need. */
	static final int MAX_BYTES = 1024 * 1024;

	private final RestockImport restockImport;

	private final RestockChanges changes;

	private final MessageSource messages;

	RestockImportController(RestockImport restockImport, RestockChanges changes, MessageSource messages) {
		this.restockImport = restockImport;
		this.changes = changes;
		this.messages = messages;
	}

	@GetMapping("/staff/restocks/import")
	String form(Model model) {
		return page(model, List.of());
	}

	@PostMapping("/staff/restocks/import")
	Mono<String> upload(Model model, ServerWebExchange exchange) {
		return exchange.getMultipartData().flatMap((parts) -> {
			Part part = parts.getFirst("file");
			if (!(part instanceof FilePart file)) {
				return Mono.just(fileProblem("staff.restocks.import.noFile", exchange));
			}
			return DataBufferUtils.join(file.content(), MAX_BYTES).map((buffer) -> {
				try {
					return buffer.toString(StandardCharsets.UTF_8);
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
				.defaultIfEmpty("")
				.flatMap(this.restockImport::read)
				.onErrorResume(org.springframework.core.io.buffer.DataBufferLimitException.class,
						(ex) -> Mono.just(fileProblem("staff.restocks.import.tooLarge", exchange)));
		}).flatMap((report) -> {
			if (!report.valid()) {
				exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
				model.addAttribute("rows", report.rows());
				return Mono.just(page(model, report.problems()));
			}
			return RestockPages.actor()
				.flatMap((actor) -> this.changes.importAll(report.restocks(), actor))
				.map((created) -> "redirect:/staff/restocks?notice=imported&restocks=" + created.size());
		});
	}

	/** A report whose one problem is about the file as a whole. */
	private ImportReport fileProblem(String messageKey, ServerWebExchange exchange) {
		String message = this.messages.getMessage(messageKey, null, RestockPages.locale(exchange));
		return new ImportReport(List.of(), 0, List.of(new ImportProblem(0, "", message)));
	}

	private static String page(Model model, List<ImportProblem> problems) {
		model.addAttribute("problems", problems);
		model.addAttribute("columns", String.join(",", RestockImport.COLUMNS));
		model.addAttribute("maxRows", RestockImport.MAX_ROWS);
		return "staff/restocks/restock-import";
	}

}
