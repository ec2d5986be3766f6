package io.influmeter.embedded;

/**
 * A configured port is taken. The message is one line naming the port and the option that changes
 * it.
 */
public final class PortInUseException extends RuntimeException {

  private final int port;

  public PortInUseException(String service, int port, String option) {
    super(
        "port "
            + port
            + " for "
            + service
            + " is already in use; stop whatever holds it or choose another with "
            + option);
    this.port = port;
  }

  public int port() {
    return port;
  }
}
