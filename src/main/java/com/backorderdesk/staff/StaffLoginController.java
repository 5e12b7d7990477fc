package com.backorderdesk.staff;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff login page. Spring Security checks the POST.
 */
@Controller
class StaffLoginController {

	@GetMapping("/staff/login")
	Mono<String> login(@RequestParam MultiValueMap<String, String> query, Model model) {
		return StaffModelAdvice.currentStaff().map((staff) -> "redirect:/staff").switchIfEmpty(Mono.fromSupplier(() -> {
			// flags without values: /staff/login?error, ?locked, ?logout
			model.addAttribute("error", query.containsKey("error"));
			model.addAttribute("locked", query.containsKey("locked"));
			model.addAttribute("loggedOut", query.containsKey("logout"));
			return "staff/login";
		}));
	}

}
