package com.backorderdesk.staff.admin;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.audit.AuditLog;
import com.backorderdesk.staff.StaffModelAdvice;
import com.backorderdesk.ConflictException;
import com.backorderdesk.InvalidInputException;
import com.backorderdesk.NotFoundException;
import com.backorderdesk.security.StaffAccounts;
import com.backorderdesk.security.StaffMember;
import com.backorderdesk.security.StaffPrincipal;
import com.backorderdesk.security.StaffRole;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The admin page for staff accounts: add one, disable or enable it, reset its password.
 * Each change is checked against the version the admin saw, and committed together with
 * its audit entry. Bad input is shown next to its field and changes nothing; a change
 * based on an old version shows the account as it is now.
 */
@Controller
class StaffAccountsController {

	private static final String PAGE = "staff/admin/users";

	private static final Set<String> NOTICES = Set.of("added", "enabled", "disabled", "password", "roles");

	private final StaffAccounts accounts;

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	StaffAccountsController(StaffAccounts accounts, AuditLog audit, TransactionalOperator transactions) {
		this.accounts = accounts;
		this.audit = audit;
		this.transactions = transactions;
	}

	@GetMapping("/staff/admin/users")
	Mono<String> list(@RequestParam(required = false) @Nullable String notice,
			@RequestParam(required = false) @Nullable String user, Model model) {
		if (notice != null && NOTICES.contains(notice) && user != null) {
			model.addAttribute("notice", notice);
			model.addAttribute("noticeUser", user);
		}
		return page(model, new AddForm("", "", EnumSet.of(StaffRole.REP)));
	}

	@PostMapping("/staff/admin/users")
	Mono<String> add(ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap((form) -> {
			AddForm entered = new AddForm(text(form, "username"), text(form, "displayName"), roles(form));
			Mono<StaffMember> added = StaffModelAdvice.currentStaff()
				.flatMap((admin) -> validRoles(form)
					.then(this.accounts.create(entered.username(), entered.displayName(), entered.roles(),
							text(form, "password")))
					.flatMap((member) -> this.audit
						.record(admin.username(), "STAFF_ADDED", subject(member), null, audited(member))
						.thenReturn(member)))
				.as(this.transactions::transactional);
			return added.map((member) -> done("added", member)).onErrorResume(InvalidInputException.class, (ex) -> {
				exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
				model.addAttribute("addErrors", Map.of(ex.getField(), Objects.toString(ex.getMessage(), "")));
				return page(model, entered);
			});
		});
	}

	@PostMapping("/staff/admin/users/{id}/enabled")
	Mono<String> enable(@PathVariable long id, ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap((form) -> {
			boolean enabled = "true".equals(form.getFirst("enabled"));
			Mono<StaffMember> changed = StaffModelAdvice.currentStaff()
				.flatMap((admin) -> version(form).flatMap((version) -> this.accounts.find(id)
					.flatMap((before) -> this.accounts.setEnabled(id, enabled, version, admin.id())
						.flatMap((after) -> this.audit
							.record(admin.username(), enabled ? "STAFF_ENABLED" : "STAFF_DISABLED", subject(after),
									audited(before), audited(after))
							.thenReturn(after)))))
				.as(this.transactions::transactional);
			return answer(changed.map((member) -> done(enabled ? "enabled" : "disabled", member)), id, exchange, model);
		});
	}

	@PostMapping("/staff/admin/users/{id}/password")
	Mono<String> resetPassword(@PathVariable long id, ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap((form) -> {
			Mono<StaffMember> changed = StaffModelAdvice.currentStaff()
				.flatMap((admin) -> version(form)
					.flatMap((version) -> this.accounts.find(id)
						.flatMap((before) -> this.accounts.resetPassword(id, text(form, "password"), version)
							.flatMap((after) -> this.audit.record(admin.username(), "STAFF_PASSWORD_RESET",
									subject(after), passwordAudit(before), passwordAudit(after))
								.thenReturn(after)))))
				.as(this.transactions::transactional);
			return answer(changed.map((member) -> done("password", member)), id, exchange, model);
		});
	}

	/**
	 * Changes an account's roles; its sessions end, so a role taken away stops working at
	 * once.
	 */
	@PostMapping("/staff/admin/users/{id}/roles")
	Mono<String> changeRoles(@PathVariable long id, ServerWebExchange exchange, Model model) {
		return exchange.getFormData().flatMap((form) -> {
			Mono<StaffMember> changed = StaffModelAdvice.currentStaff()
				.flatMap((admin) -> version(form)
					.flatMap((version) -> validRoles(form).then(refuseOwnAdmin(admin, id, roles(form)))
						.then(this.accounts.find(id))
						.flatMap((before) -> this.accounts.setRoles(id, roles(form), version)
							.flatMap((after) -> this.audit.record(admin.username(), "STAFF_ROLES_CHANGED",
									subject(after), audited(before), audited(after))
								.thenReturn(after)))))
				.as(this.transactions::transactional);
			return answer(changed.map((member) -> done("roles", member)), id, exchange, model);
		});
	}

	/**
	 * Turns a change's failure into the page that explains it: the field's error, the
	 * account as it is now, or that there is no such account.
	 */
	private Mono<String> answer(Mono<String> change, long id, ServerWebExchange exchange, Model model) {
		return change.onErrorResume(InvalidInputException.class, (ex) -> {
			exchange.getResponse().setStatusCode(HttpStatus.UNPROCESSABLE_CONTENT);
			model.addAttribute("rowError", new RowError(id, ex.getField(), Objects.toString(ex.getMessage(), "")));
			return page(model, AddForm.EMPTY);
		}).onErrorResume(ConflictException.class, (ex) -> {
			exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
			model.addAttribute("conflict", ex.getMessage());
			if (ex.getCurrent() instanceof StaffMember current) {
				model.addAttribute("conflictMember", current);
			}
			return page(model, AddForm.EMPTY);
		}).onErrorResume(NotFoundException.class, (ex) -> {
			exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
			model.addAttribute("conflict", ex.getMessage());
			return page(model, AddForm.EMPTY);
		});
	}

	private Mono<String> page(Model model, AddForm form) {
		model.addAttribute("form", form);
		model.addAttribute("allRoles", List.of(StaffRole.values()));
		return this.accounts.list().doOnNext((members) -> model.addAttribute("members", members)).thenReturn(PAGE);
	}

	private static Mono<Void> refuseOwnAdmin(StaffPrincipal admin, long id, Set<StaffRole> roles) {
		if (admin.id() == id && !roles.contains(StaffRole.ADMIN)) {
			return Mono.error(new InvalidInputException("roles",
					"You cannot take the admin role from yourself: ask another admin to do it."));
		}
		return Mono.empty();
	}

	private static Mono<Long> version(MultiValueMap<String, String> form) {
		try {
			return Mono.just(Long.parseLong(text(form, "version").strip()));
		}
		catch (NumberFormatException ex) {
			return Mono.error(new InvalidInputException("version", "The form was incomplete: reload the page."));
		}
	}

	private static Mono<Void> validRoles(MultiValueMap<String, String> form) {
		List<String> given = form.getOrDefault("roles", List.of());
		for (String role : given) {
			if (EnumSet.allOf(StaffRole.class).stream().noneMatch((known) -> known.name().equals(role))) {
				return Mono.error(new InvalidInputException("roles", "Choose roles from the list."));
			}
		}
		return Mono.empty();
	}

	private static Set<StaffRole> roles(MultiValueMap<String, String> form) {
		Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
		for (String role : form.getOrDefault("roles", List.of())) {
			for (StaffRole known : StaffRole.values()) {
				if (known.name().equals(role)) {
					roles.add(known);
				}
			}
		}
		return roles;
	}

	private static String text(MultiValueMap<String, String> form, String field) {
		String value = form.getFirst(field);
		return (value != null) ? value : "";
	}

	private static String done(String notice, StaffMember member) {
		return "redirect:" + UriComponentsBuilder.fromPath("/staff/admin/users")
			.queryParam("notice", notice)
			.queryParam("user", member.username())
			.encode()
			.build()
			.toUriString();
	}

	private static String subject(StaffMember member) {
		return "staff " + member.username();
	}

	/** What the audit log keeps of an account: never anything about its password. */
	private static Map<String, Object> audited(StaffMember member) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("username", member.username());
		state.put("displayName", member.displayName());
		state.put("roles", member.roles().stream().map(StaffRole::name).sorted().toList());
		state.put("enabled", member.enabled());
		state.put("version", member.version());
		return state;
	}

	private static Map<String, Object> passwordAudit(StaffMember member) {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("username", member.username());
		state.put("version", member.version());
		return state;
	}

	/**
	 * What the add form shows.
	 *
	 * @param username the entered username
	 * @param displayName the entered name
	 * @param roles the chosen roles
	 */
	record AddForm(String username, String displayName, Set<StaffRole> roles) {

		static final AddForm EMPTY = new AddForm("", "", EnumSet.of(StaffRole.REP));

		public boolean has(StaffRole role) {
			return this.roles.contains(role);
		}

	}

	/**
	 * A bad value for one account's row.
	 *
	 * @param id the account
	 * @param field the field
	 * @param message what is wrong
	 */
	record RowError(long id, String field, String message) {
	}

}
