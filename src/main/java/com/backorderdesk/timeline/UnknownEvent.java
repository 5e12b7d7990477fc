package com.backorderdesk.timeline;

/**
 * A stored event of a kind no module registers (any more), or whose details cannot be
 * read: readers show it as "order updated" and otherwise ignore it.
 *
 * @param type the name it is stored under
 */
public record UnknownEvent(String type) implements TimelineEvent {
}
