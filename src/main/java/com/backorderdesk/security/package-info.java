/**
 * Who may do what: API keys for integrations, and the web security of the portals.
 */
@org.jspecify.annotations.NullMarked
package com.backorderdesk.security;
