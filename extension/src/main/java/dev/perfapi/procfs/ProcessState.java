package dev.perfapi.procfs;

/**
 * Values of the semantic-convention attribute {@code process.state}, plus {@code blocked} for
 * uninterruptible sleep (state D), which operators watch as a sign of I/O trouble.
 */
public enum ProcessState {
  RUNNING("running"),
  SLEEPING("sleeping"),
  BLOCKED("blocked"),
  STOPPED("stopped"),
  DEFUNCT("defunct");

  private final String value;

  ProcessState(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  /**
   * Maps the state letter of /proc/PID/stat (see proc(5)) to one state, so that the states
   * partition the process count. Idle kernel threads (I), parked (P) and waking (W/K) tasks count
   * as sleeping; dead (X) and zombie (Z) as defunct.
   */
  public static ProcessState fromLetter(char letter) {
    switch (letter) {
      case 'R':
        return RUNNING;
      case 'D':
        return BLOCKED;
      case 'T':
      case 't':
        return STOPPED;
      case 'Z':
      case 'X':
      case 'x':
        return DEFUNCT;
      default:
        return SLEEPING;
    }
  }
}
