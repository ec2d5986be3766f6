package io.influmeter.embedded;

import java.nio.file.Path;

/** Another process already runs a stack on this data directory. */
public final class DataDirectoryLockedException extends RuntimeException {

  public DataDirectoryLockedException(Path root) {
    super(
        "data directory "
            + root
            + " is in use by another Influmeter stack; stop it or choose another with --data-dir");
  }
}
