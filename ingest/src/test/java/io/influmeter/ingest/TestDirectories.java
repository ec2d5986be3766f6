package io.influmeter.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh directories under the build's test-data root (java.io.tmpdir may not exist yet). */
public final class TestDirectories {

  private TestDirectories() {}

  public static Path fresh(String prefix) {
    try {
      Path root = Path.of(System.getProperty("influmeter.test.root", "target/test-data"));
      Files.createDirectories(root);
      return Files.createTempDirectory(root, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
