package com.backorderdesk.timeline;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Hears of order events as they are appended, inside the transaction that appends them,
 * so that whatever it writes commits or rolls back with the change itself. Other modules
 * implement it (the mail outbox); the timeline never depends on them.
 */
public interface OrderEventAppendListener {

	/**
	 * Called once per append, with every event appended, before the caller's transaction
	 * commits.
	 * @param events the events as stored, in id order
	 * @return completion; an error rolls the change back
	 */
	Mono<Void> appended(List<OrderEvent> events);

}
