/**
 * E-mail to customers: the outbox written with each change, what each change calls for,
 * the templates, the dispatcher, delay notices and unsubscribing.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.notification;
