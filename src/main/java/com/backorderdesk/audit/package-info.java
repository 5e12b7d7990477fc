/**
 * The append-only audit log: who changed what, when, before and after, for every staff
 * and API change, written in the change's transaction.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.audit;
