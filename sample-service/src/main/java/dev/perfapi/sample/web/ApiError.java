package dev.perfapi.sample.web;

/**
 * JSON error body.
 *
 * @param error machine-readable kind ({@code invalid_parameter}, {@code pool_saturated}, {@code timeout}, ...)
 * @param parameter the offending query parameter, for {@code invalid_parameter}
 * @param value the offending value (truncated), for {@code invalid_parameter}
 * @param message human-readable explanation
 */
public record ApiError(String error, String parameter, String value, String message) {}
