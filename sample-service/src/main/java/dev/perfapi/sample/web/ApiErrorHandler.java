package dev.perfapi.sample.web;

import dev.perfapi.sample.work.WorkFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the service's own exceptions to small JSON errors (never a stack trace). */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
  private static final int MAX_ECHOED_VALUE = 64;

  @ExceptionHandler(BadParameterException.class)
  ResponseEntity<ApiError> badParameter(BadParameterException e) {
    String value = e.value();
    if (value != null && value.length() > MAX_ECHOED_VALUE) {
      value = value.substring(0, MAX_ECHOED_VALUE) + "...";
    }
    return json(HttpStatus.BAD_REQUEST, new ApiError("invalid_parameter", e.parameter(), value, e.getMessage()));
  }

  @ExceptionHandler(WorkFailedException.class)
  ResponseEntity<ApiError> workFailed(WorkFailedException e) {
    log.warn("work failed ({}): {}", e.reason(), e.getMessage());
    return json(HttpStatus.SERVICE_UNAVAILABLE, new ApiError(e.reason(), null, null, e.getMessage()));
  }

  private static ResponseEntity<ApiError> json(HttpStatus status, ApiError body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
