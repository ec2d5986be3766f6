package io.influmeter.schemas.registry;

/**
 * A schema registry refused or failed a request. Carries the HTTP status and Confluent's {@code
 * error_code} (40401 subject not found, 40402 version not found, 40403 schema not found, 409
 * incompatible, 42201 invalid schema, 50001 store error, ...), the same for the built-in registry.
 */
public class SchemaRegistryException extends RuntimeException {

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int STORE_ERROR = 50001;

  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(int httpStatus, int errorCode, String message) {
    this(httpStatus, errorCode, message, null);
  }

  public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message + " (HTTP " + httpStatus + ", error_code " + errorCode + ")", cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status of the response (the built-in registry uses the status Confluent would). */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent error code, or the HTTP status when the body carried none. */
  public int errorCode() {
    return errorCode;
  }

  static SchemaRegistryException subjectNotFound(String subject) {
    return new SchemaRegistryException(
        404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static SchemaRegistryException versionNotFound(String subject, int version) {
    return new SchemaRegistryException(
        404, VERSION_NOT_FOUND, "Version " + version + " of subject '" + subject + "' not found.");
  }

  static SchemaRegistryException schemaNotFound(int id) {
    return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }
}
