package dev.perfapi.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the {@code Authorization: Bearer} header against the configured token. */
final class BearerAuth {
  private final byte[] token;

  BearerAuth(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  boolean configured() {
    return token != null;
  }

  /** Throws unless the header carries the token; the comparison takes the same time either way. */
  void check(String authorization) throws ApiException {
    if (token == null) {
      throw new ApiException(403, "Authorization", "this endpoint needs a token, and none is"
          + " configured: set otel.perfapi.rest.token (OTEL_PERFAPI_REST_TOKEN) to enable it");
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiException(401, "Authorization", "missing bearer token");
    }
    byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    // MessageDigest.isEqual is constant-time in the content (JDK 6u17+), not in the length
    if (!MessageDigest.isEqual(given, token)) {
      throw new ApiException(401, "Authorization", "wrong bearer token");
    }
  }
}
