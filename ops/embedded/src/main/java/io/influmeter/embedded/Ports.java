package io.influmeter.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

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

  /**
   * A port free at the time of the call and outside the kernel's ephemeral range, for a test that
   * starts a service on the same port twice (a stop and a restart). An ephemeral port from {@link
   * #freePort()} can be handed to any outgoing connection once its first owner closes it (seen: a
   * restarted stack's Kafka and PostgreSQL clients took the API's port before the API bound it
   * again); the kernel never picks a port below its ephemeral range for an outgoing connection.
   */
  public static int stablePort() {
    int below = ephemeralRangeStart();
    int low = 10_000;
    int high = Math.max(low + 1_000, below);
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(low, high);
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return port;
      } catch (IOException taken) {
        // try another one
      }
    }
    throw new UncheckedIOException(
        new IOException(
            "no free port between " + low + " and " + high + " on the loopback address"));
  }

  // Linux: /proc/sys/net/ipv4/ip_local_port_range ("32768\t60999"); elsewhere the IANA start.
  private static int ephemeralRangeStart() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
      return Integer.parseInt(range.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 49_152;
    }
  }

  /** Resolves 0 to a free port, keeps any other value. */
  public static int orFree(int port) {
    return port == 0 ? freePort() : port;
  }
}
