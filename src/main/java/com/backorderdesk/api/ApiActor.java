package com.backorderdesk.api;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.audit.AuditLog;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Who changes things through the API, and the audit entry of every change: the actor is
 * {@code api:<name of the key>} ({@code backorder.api.keys}), recorded in the timeline
 * and in the audit log, whose entry joins the change's transaction.
 */
@Component
class ApiActor {

	private final AuditLog audit;

	private final TransactionalOperator transactions;

	ApiActor(AuditLog audit, TransactionalOperator transactions) {
		this.audit = audit;
		this.transactions = transactions;
	}

	/**
	 * The actor of the current request.
	 * @return {@code api:<name>}
	 */
	static Mono<String> current() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull((context) -> context.getAuthentication())
			.map(Authentication::getName)
			.defaultIfEmpty("api");
	}

	/**
	 * Makes a change as the current actor and records it, in one transaction.
	 * @param <T> what the change returns
	 * @param action the audit entry's action ({@code ORDER_PLACED})
	 * @param change the change, given the actor
	 * @param entry the entry's subject, before and after, from what the change returned;
	 * {@code null} records nothing (a retry that changed nothing)
	 * @return what the change returned
	 */
	<T> Mono<T> change(String action, Function<String, Mono<T>> change, Function<T, @Nullable Entry> entry) {
		return current().flatMap((actor) -> change.apply(actor).flatMap((result) -> {
			Entry recorded = entry.apply(result);
			return (recorded != null)
					? this.audit.record(actor, action, recorded.subject(), recorded.before(), recorded.after())
						.thenReturn(result)
					: Mono.just(result);
		})).as(this.transactions::transactional);
	}

	/**
	 * An audit entry.
	 *
	 * @param subject what changed ({@code order BO-1001})
	 * @param before the state before, or {@code null}
	 * @param after the state after, or {@code null}
	 */
	record Entry(String subject, @Nullable Object before, @Nullable Object after) {
	}

}
