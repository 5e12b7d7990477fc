package com.backorderdesk.staff.dashboard;

import reactor.core.publisher.Mono;

import com.backorderdesk.staff.LiveFragments;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * The staff home page: the live backorder dashboard. Its figures come from the modules
 * that own them ({@link Dashboards}); {@link DashboardEventsController} keeps them live.
 */
@Controller
class DashboardController {

	private final Dashboards dashboards;

	DashboardController(Dashboards dashboards) {
		this.dashboards = dashboards;
	}

	@GetMapping("/staff")
	Mono<String> dashboard(Model model, ServerWebExchange exchange) {
		return this.dashboards.load(LiveFragments.locale(exchange))
			.doOnNext((dash) -> model.addAttribute("dash", dash))
			.thenReturn("staff/dashboard/dashboard");
	}

}
