package com.backorderdesk.timeline;

/**
 * An event that records a choice the customer can make on their own order page
 * (cancelling what waits, keeping on waiting, answering a substitute offer, how to ship,
 * which e-mails to get). When a member of staff makes the choice for the customer,
 * readers say so to the customer: see {@link Actors#forCustomer(OrderEvent)}.
 */
public interface CustomerChoice extends TimelineEvent {

}
