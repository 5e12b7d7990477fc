package com.backorderdesk.orders;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import com.backorderdesk.timeline.NewOrderEvent;
import com.backorderdesk.timeline.OrderEventLog;
import org.springframework.stereotype.Component;

/**
 * The end of every change to supply or demand, in the caller's transaction: re-plans the
 * SKUs, notices the lines the change delayed, and appends the change's own events, one
 * {@link LinesReplanned} per order whose lines moved and one {@link DelayNoticed} per
 * order it delayed, in one statement. The outbox and the live pages hear of them from
 * there.
 */
@Component
class Replans {

	private final Replanner replanner;

	private final DelayNotices delays;

	private final OrderEventLog events;

	private final Clock clock;

	Replans(Replanner replanner, DelayNotices delays, OrderEventLog events, Clock clock) {
		this.replanner = replanner;
		this.delays = delays;
		this.events = events;
		this.clock = clock;
	}

	/** The shop's clock, which decides what "today" is for the plan. */
	Clock clock() {
		return this.clock;
	}

	/**
	 * Re-plans and appends.
	 * @param skus the SKUs whose supply or demand changed
	 * @param change what caused it, with its own events
	 * @return the lines whose plan changed
	 */
	Mono<List<LineChange>> replan(Collection<String> skus, Change change) {
		Mono<List<LineChange>> planned = change.appended() ? this.replanner.replanAppended(skus, change.skip())
				: this.replanner.replan(skus);
		return planned.flatMap((changes) -> {
			List<Long> moved = changes.stream()
				.filter(LineChange::visible)
				.filter((line) -> !change.skip().contains(line.lineId()))
				.map(LineChange::lineId)
				.toList();
			// one connection in a transaction: one statement after the other
			return change.leading().zipWhen((leading) -> this.delays.notice(moved, change.note())).flatMap((found) -> {
				List<NewOrderEvent> appended = new ArrayList<>(found.getT1());
				List<NewOrderEvent> delayed = found.getT2();
				appended
					.addAll(ChangeEvents.of(changes, change.reason(), change.note(), change.actor(), change.skip()));
				appended.addAll(delayed);
				return this.events.append(appended).thenReturn(changes);
			});
		});
	}

	/**
	 * What caused a re-plan.
	 *
	 * @param reason why, for the timeline
	 * @param note the planner's explanation for customers, if any
	 * @param actor who caused it
	 * @param leading the change's own events, read after the re-plan and appended first
	 * (an order placed, an item cancelled)
	 * @param skip lines those events already describe
	 * @param appended whether the skipped lines are new lines of an order placed now, at
	 * the end of their queues (see {@link Replanner#replanAppended})
	 */
	record Change(ReplanReason reason, @Nullable String note, String actor, Mono<List<NewOrderEvent>> leading,
			Set<Long> skip, boolean appended) {

		Change(ReplanReason reason, @Nullable String note, String actor, Mono<List<NewOrderEvent>> leading,
				Set<Long> skip) {
			this(reason, note, actor, leading, skip, false);
		}

		static Change of(ReplanReason reason, @Nullable String note, String actor) {
			return new Change(reason, note, actor, Mono.just(List.of()), Set.of());
		}

		static Change of(ReplanReason reason, String actor) {
			return of(reason, null, actor);
		}

	}

}
