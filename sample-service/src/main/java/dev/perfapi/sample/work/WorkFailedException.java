package dev.perfapi.sample.work;

/** The work could not be done (pool saturated, timed out, I/O failed); the endpoint answers 503. */
public class WorkFailedException extends RuntimeException {

  private final String reason;

  public WorkFailedException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Short machine-readable reason, e.g. {@code pool_saturated}, {@code timeout}, {@code io}. */
  public String reason() {
    return reason;
  }
}
