package io.influmeter.schemas.serde;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Since 1.12.1 Avro refuses to load any class named by a schema unless it is trusted, and that
 * includes our own generated classes (nested records and enums are loaded by name while reading).
 * This adds exactly the generated package to Avro's global trust list, keeping whatever predicate
 * was already installed; nothing outside {@code io.influmeter.events} becomes trusted.
 */
public final class TrustedEventClasses {

  /** Package of every generated Avro class. */
  public static final String EVENTS_PACKAGE = "io.influmeter.events";

  private static final AtomicBoolean INSTALLED = new AtomicBoolean();

  private TrustedEventClasses() {}

  /** Trusts the generated event classes; idempotent and thread-safe. */
  public static void install() {
    if (!INSTALLED.compareAndSet(false, true)) {
      return;
    }
    ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(
        ClassSecurityValidator.composite(
            previous, type -> type.getPackageName().equals(EVENTS_PACKAGE)));
  }
}
