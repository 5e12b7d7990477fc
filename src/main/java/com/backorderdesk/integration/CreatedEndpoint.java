package com.backorderdesk.integration;

/**
 * An endpoint just created, with the secret its receiver verifies signatures with. The
 * secret is shown this once; it is never read back.
 *
 * @param endpoint the endpoint
 * @param secret {@code whsec_} followed by the base64 of 32 random bytes, as the Standard
 * Webhooks specification has it
 */
public record CreatedEndpoint(WebhookEndpoint endpoint, String secret) {
}
