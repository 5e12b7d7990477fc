package com.backorderdesk.customer;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The portal's front door: a customer finds their order by number and e-mail.
 */
@Controller
class LookupController {

	@GetMapping("/")
	String lookup() {
		return "customer/lookup";
	}

}
