package io.influmeter.local;

/**
 * Demo mode could not seed its accounts or start its traffic (the API or ingest refused a call).
 * The message is one line for the console; the cause (with the API's answer) goes to the stack log,
 * and the start command exits with status 2 after stopping what had started.
 */
public final class DemoStartException extends RuntimeException {

  public DemoStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
