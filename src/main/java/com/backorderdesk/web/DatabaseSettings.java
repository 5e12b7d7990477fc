package com.backorderdesk.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the application waits for PostgreSQL before it gives up and answers 503.
 *
 * @param answerTimeout how long one database call (a statement, a commit, a validation)
 * may go without an answer. PostgreSQL itself ends a statement that runs or waits for
 * locks this long ({@code statement_timeout}), and a connection that has not answered
 * {@link DatabaseAnswers#GRACE} after that (a network black hole, a frozen server) is
 * closed, never handed out again. Also the TCP connect timeout. It must stay above the
 * slowest single statement the staff may legitimately run: the 10,000-order shift's
 * slowest statement took under 1 s on a loaded box (its whole transaction 6 s)
 */
@ConfigurationProperties("backorder.database")
record DatabaseSettings(@DefaultValue("15s") Duration answerTimeout) {
}
