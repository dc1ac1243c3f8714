package dev.perfapi.rest;

/** A request the API refuses: the status, the request part at fault, and why. */
final class ApiException extends Exception {
  final int status;
  final String field;

  ApiException(int status, String field, String message) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  static ApiException badRequest(String field, String message) {
    return new ApiException(400, field, message);
  }
}
