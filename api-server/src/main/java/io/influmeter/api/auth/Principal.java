package io.influmeter.api.auth;

import java.util.UUID;

/**
 * The verified caller of a request, put in the context by the gate.
 *
 * @param userId the account
 * @param role its role, as stored now (not as claimed by the token)
 * @param sessionId the sign-in session the access token belongs to
 * @param tokenId the access token's {@code jti}
 */
public record Principal(UUID userId, Role role, UUID sessionId, UUID tokenId) {}
