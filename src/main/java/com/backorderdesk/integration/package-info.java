/**
 * What the shop's other systems hear from us: signed outgoing webhooks, written with the
 * change that calls for them and delivered by every instance, and the refunds due for
 * cancelled units, with the staff pages that manage both.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.integration;
