package io.influmeter.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Port checks done before any service starts, so a clash gives one clear line instead of a stack
 * trace.
 */
public final class Ports {

  private Ports() {}

  /**
   * Fails with {@link PortInUseException} when {@code port} cannot be bound on the loopback
   * address.
   *
   * @param option the command-line option or environment variable that sets this port, named in the
   *     error
   */
  public static void requireFree(String service, int port, String option) {
    if (port == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new PortInUseException(service, port, option);
    }
  }

  /** An ephemeral port free at the time of the call (tests; a small race is acceptable there). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback address", e);
    }
  }

  /** Resolves 0 to a free port, keeps any other value. */
  public static int orFree(int port) {
    return port == 0 ? freePort() : port;
  }
}
