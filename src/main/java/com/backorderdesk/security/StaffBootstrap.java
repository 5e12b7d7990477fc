package com.backorderdesk.security;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first staff accounts. Embedded mode has demo accounts whose passwords are their
 * names; production has none, and takes its first admin from
 * {@code BACKORDER_ADMIN_USERNAME} and {@code BACKORDER_ADMIN_PASSWORD}.
 */
@Component
class StaffBootstrap implements ApplicationRunner {

	/** The demo accounts of the embedded mode: username, name, roles. */
	static final List<DemoAccount> DEMO_ACCOUNTS = List.of(
			new DemoAccount("planner", "Pat Planner", EnumSet.of(StaffRole.PLANNER)),
			new DemoAccount("rep", "Robin Rep", EnumSet.of(StaffRole.REP)),
			new DemoAccount("admin", "Alex Admin", EnumSet.of(StaffRole.ADMIN)));

	private static final Log logger = LogFactory.getLog(StaffBootstrap.class);

	private final StaffAccounts accounts;

	private final boolean demoAccounts;

	private final String adminUsername;

	private final String adminPassword;

	StaffBootstrap(StaffAccounts accounts, @Value("${backorder.staff.demo-accounts:false}") boolean demoAccounts,
			@Value("${backorder.admin.username:}") String adminUsername,
			@Value("${backorder.admin.password:}") String adminPassword) {
		this.accounts = accounts;
		this.demoAccounts = demoAccounts;
		this.adminUsername = adminUsername;
		this.adminPassword = adminPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		// runs on the main thread during start-up, before the application reports ready
		Flux.fromIterable(this.demoAccounts ? DEMO_ACCOUNTS : List.of())
			.concatMap(
					(demo) -> this.accounts.ensure(demo.username(), demo.displayName(), demo.roles(), demo.username()))
			.then()
			.block(Duration.ofMinutes(1));
		if (!this.adminUsername.isBlank() && !this.adminPassword.isEmpty()) {
			Boolean added = this.accounts
				.ensure(this.adminUsername.strip(), this.adminUsername.strip(), EnumSet.of(StaffRole.ADMIN),
						this.adminPassword)
				.block(Duration.ofMinutes(1));
			if (Boolean.TRUE.equals(added)) {
				logger.info("Added the first admin, " + this.adminUsername.strip());
			}
		}
		else if (!this.demoAccounts) {
			Boolean none = this.accounts.list().map(List::isEmpty).block(Duration.ofMinutes(1));
			if (Boolean.TRUE.equals(none)) {
				logger.warn("No staff accounts yet: set BACKORDER_ADMIN_USERNAME and BACKORDER_ADMIN_PASSWORD "
						+ "to add the first admin");
			}
		}
	}

	record DemoAccount(String username, String displayName, Set<StaffRole> roles) {
	}

}
