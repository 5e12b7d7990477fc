package com.backorderdesk.staff;

import reactor.core.publisher.Mono;

import com.backorderdesk.security.StaffPrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every staff page the member of staff it is shown to, as {@code staff}, for the
 * layout's navigation and name.
 */
@ControllerAdvice(basePackageClasses = StaffModelAdvice.class)
public class StaffModelAdvice {

	@ModelAttribute("staff")
	public Mono<StaffPrincipal> staff() {
		return currentStaff();
	}

	/**
	 * The member of staff making the current request.
	 * @return the principal, or empty when nobody is logged in
	 */
	public static Mono<StaffPrincipal> currentStaff() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.mapNotNull(Authentication::getPrincipal)
			.ofType(StaffPrincipal.class);
	}

}
