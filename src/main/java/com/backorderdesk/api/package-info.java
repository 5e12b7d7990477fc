/**
 * The JSON API for storefronts and ERPs under {@code /api/v1}, with RFC 9457 problem
 * details for every error.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.api;
