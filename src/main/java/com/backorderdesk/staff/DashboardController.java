package com.backorderdesk.staff;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The staff home page: the live backorder dashboard.
 */
@Controller
class DashboardController {

	@GetMapping("/staff")
	String dashboard() {
		return "staff/dashboard";
	}

}
