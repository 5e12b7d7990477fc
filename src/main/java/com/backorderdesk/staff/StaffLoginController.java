package com.backorderdesk.staff;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff login page. Spring Security checks the POST; a refused login comes back here
 * with one message for every kind of failure, or with how long to wait.
 */
@Controller
class StaffLoginController {

	@GetMapping("/staff/login")
	Mono<String> login(@RequestParam MultiValueMap<String, String> query, Model model) {
		return StaffModelAdvice.currentStaff().map((staff) -> "redirect:/staff").switchIfEmpty(Mono.fromSupplier(() -> {
			// flags without values: /staff/login?error, ?logout; ?wait=<seconds>
			model.addAttribute("error", query.containsKey("error"));
			model.addAttribute("wait", seconds(query.getFirst("wait")));
			model.addAttribute("loggedOut", query.containsKey("logout"));
			return "staff/login";
		}));
	}

	/** How long the login page says to wait, or 0 for nothing to say. */
	private static long seconds(@Nullable String wait) {
		try {
			return (wait != null) ? Math.max(0, Math.min(86_400, Long.parseLong(wait.strip()))) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
