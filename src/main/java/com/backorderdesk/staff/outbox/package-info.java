/**
 * The outbox page: e-mail waiting, sent, skipped and given up, and retrying what was
 * given up.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.staff.outbox;
