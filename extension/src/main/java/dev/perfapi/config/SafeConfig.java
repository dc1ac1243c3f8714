package dev.perfapi.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code otel.perfapi.*} properties so that a malformed value never stops the agent: it
 * logs one warning naming the property and the default used instead.
 */
final class SafeConfig {
  private static final Logger logger = Logger.getLogger(SafeConfig.class.getName());

  private final ConfigProperties config;

  SafeConfig(ConfigProperties config) {
    this.config = config;
  }

  boolean getBoolean(String name, boolean defaultValue) {
    String raw = config.getString(name);
    if (raw == null || raw.trim().isEmpty()) {
      return defaultValue;
    }
    String value = raw.trim().toLowerCase(java.util.Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    warn(name, raw, "true or false", defaultValue);
    return defaultValue;
  }

  /**
   * A duration of at least {@code min}; smaller values are raised to {@code min} with a warning,
   * negative ones get the default.
   */
  Duration getDuration(String name, Duration defaultValue, Duration min) {
    Duration value = read(name, () -> config.getDuration(name), defaultValue, "a duration such as 10s");
    if (value.isNegative()) {
      // A sign is a typo, not "as often as possible": the default, not the minimum.
      warn(name, config.getString(name), "a positive duration such as 10s", defaultValue);
      return defaultValue;
    }
    if (value.compareTo(min) < 0) {
      logger.warning(
          "perfapi: " + name + "=" + config.getString(name) + " is below the minimum of "
              + min.toMillis() + "ms; using " + min.toMillis() + "ms");
      return min;
    }
    return value;
  }

  int getInt(String name, int defaultValue, int min, int max) {
    Integer value = read(name, () -> config.getInt(name), defaultValue, "an integer");
    if (value < min || value > max) {
      warn(name, String.valueOf(value), "an integer in [" + min + ", " + max + "]", defaultValue);
      return defaultValue;
    }
    return value;
  }

  List<String> getList(String name, List<String> defaultValue) {
    return read(name, () -> config.getList(name, defaultValue), defaultValue, "a comma-separated list");
  }

  String getString(String name, String defaultValue) {
    String value = config.getString(name);
    return value == null || value.trim().isEmpty() ? defaultValue : value.trim();
  }

  String getChoice(String name, String defaultValue, String... choices) {
    String value = getString(name, defaultValue).toLowerCase(java.util.Locale.ROOT);
    for (String choice : choices) {
      if (choice.equals(value)) {
        return value;
      }
    }
    warn(name, value, "one of " + String.join(", ", choices), defaultValue);
    return defaultValue;
  }

  Pattern getPattern(String name, String defaultValue) {
    String value = getString(name, defaultValue);
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      warn(name, value, "a Java regular expression", defaultValue);
      return Pattern.compile(defaultValue);
    }
  }

  private <T> T read(String name, Supplier<T> reader, T defaultValue, String expected) {
    try {
      T value = reader.get();
      return value == null ? defaultValue : value;
    } catch (RuntimeException e) {
      warn(name, config.getString(name), expected, defaultValue);
      return defaultValue;
    }
  }

  private static void warn(String name, String raw, String expected, Object defaultValue) {
    logger.warning(
        "perfapi: invalid value '" + raw + "' for " + name + " (expected " + expected
            + "); using the default " + (defaultValue instanceof Duration
                ? ((Duration) defaultValue).toMillis() + "ms" : defaultValue));
  }
}
