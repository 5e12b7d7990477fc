/**
 * How requests reach the application: trusted proxies and forwarded headers, server
 * timeouts, static assets served before security, and answers when the database is away.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.web;
