package io.influmeter.local;

import io.influmeter.embedded.DataDirectoryLockedException;
import io.influmeter.embedded.PortInUseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./influmeter}: starts the local stack, prints where everything runs and stays up until
 * Ctrl-C. Bad options, a taken port or a locked data directory give one line on stderr and exit 2.
 */
public final class LocalStackMain {

  private LocalStackMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(LocalStackOptions.USAGE);
      return;
    }
    LocalStackOptions options;
    try {
      options = LocalStackOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      fail(e.getMessage() + "\n" + LocalStackOptions.USAGE);
      return;
    }
    // Every service writes temporary files: keep them in the data directory, not in /tmp. Logging
    // reads its directory from here, so nothing may log before these two lines.
    Path root = options.dataDirectory().toAbsolutePath().normalize();
    Files.createDirectories(root.resolve("tmp"));
    System.setProperty("java.io.tmpdir", root.resolve("tmp").toString());
    System.setProperty("influmeter.log.dir", root.resolve("logs").toString());
    org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
    org.slf4j.bridge.SLF4JBridgeHandler.install();

    long started = System.nanoTime();
    LocalStack stack;
    try {
      stack = LocalStack.start(options, System.out);
    } catch (PortInUseException
        | DataDirectoryLockedException
        | ConnectorStartException
        | DemoStartException e) {
      fail(e.getMessage());
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nStopping the local stack ...");
                  stack.close();
                  System.out.println("Stopped. Data kept in " + root);
                  stopped.countDown();
                },
                "local-stack-shutdown"));
    System.out.printf("Started in %.1f s.%n", (System.nanoTime() - started) / 1e9);
    System.out.print(stack.summary());
    stopped.await();
  }

  private static void fail(String message) {
    System.err.println("influmeter: " + message);
    System.exit(2);
  }
}
