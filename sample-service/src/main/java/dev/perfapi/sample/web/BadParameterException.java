package dev.perfapi.sample.web;

/** A query parameter is malformed or out of range; answered with 400 naming the parameter. */
public class BadParameterException extends RuntimeException {

  private final String parameter;
  private final String value;

  public BadParameterException(String parameter, String value, String message) {
    super(message);
    this.parameter = parameter;
    this.value = value;
  }

  public String parameter() {
    return parameter;
  }

  public String value() {
    return value;
  }
}
