package dev.perfapi.rest;

import java.io.IOException;
import java.io.InputStream;

/** GET /api/v1/openapi.json: the API's description, kept beside the code and checked by tests. */
final class OpenApi {
  private static volatile byte[] document;

  private OpenApi() {}

  static void serve(RestRequest request) throws ApiException, IOException {
    request.allowOnly();
    request.send(200, "application/json", document());
  }

  static byte[] document() throws IOException {
    byte[] d = document;
    if (d == null) {
      try (InputStream in = OpenApi.class.getResourceAsStream("openapi.json")) {
        if (in == null) {
          throw new IOException("openapi.json is missing from the extension jar");
        }
        d = in.readAllBytes();
      }
      document = d;
    }
    return d;
  }
}
