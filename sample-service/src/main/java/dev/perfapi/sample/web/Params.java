package dev.perfapi.sample.web;

/** Strict parsing of bounded integer query parameters. */
final class Params {

  private Params() {}

  /**
   * Parses {@code raw} as a decimal integer in {@code [min, max]}; {@code null} (parameter absent) yields
   * {@code defaultValue}. Empty, non-numeric, repeated ({@code ?ms=1&ms=2} arrives as {@code "1,2"}) or
   * out-of-range values are rejected.
   */
  static int boundedInt(String name, String raw, int defaultValue, int min, int max) {
    if (raw == null) {
      return defaultValue;
    }
    String expectation = name + " must be an integer between " + min + " and " + max;
    String trimmed = raw.trim();
    if (trimmed.isEmpty() || trimmed.length() > 10) {
      throw new BadParameterException(name, raw, expectation);
    }
    long value;
    try {
      value = Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      throw new BadParameterException(name, raw, expectation);
    }
    if (value < min || value > max) {
      throw new BadParameterException(name, raw, expectation);
    }
    return (int) value;
  }
}
