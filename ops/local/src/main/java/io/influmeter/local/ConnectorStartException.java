package io.influmeter.local;

/**
 * A connector of the stack did not start (or its plugins are missing). The message is one line
 * naming the connector, for the console; the start command exits with status 2.
 */
public final class ConnectorStartException extends RuntimeException {

  public ConnectorStartException(String message) {
    super(message);
  }
}
