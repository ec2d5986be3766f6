package io.influmeter.api.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One row of the routes table: method, path template, who may call it, the handler, and how the
 * OpenAPI document describes it.
 */
public record Route(HandlerType method, String path, Access access, Handler handler, RouteDoc doc) {

  public static Route get(String path, Access access, Handler handler) {
    return new Route(HandlerType.GET, path, access, handler, RouteDoc.of("", ""));
  }

  public static Route post(String path, Access access, Handler handler) {
    return new Route(HandlerType.POST, path, access, handler, RouteDoc.of("", ""));
  }

  public static Route put(String path, Access access, Handler handler) {
    return new Route(HandlerType.PUT, path, access, handler, RouteDoc.of("", ""));
  }

  public static Route patch(String path, Access access, Handler handler) {
    return new Route(HandlerType.PATCH, path, access, handler, RouteDoc.of("", ""));
  }

  public static Route delete(String path, Access access, Handler handler) {
    return new Route(HandlerType.DELETE, path, access, handler, RouteDoc.of("", ""));
  }

  /** Feature tag and one-line summary in the OpenAPI document. */
  public Route doc(String tag, String summary) {
    return withDoc(
        new RouteDoc(
            tag,
            summary,
            doc.requestSchema(),
            doc.status(),
            doc.responseSchema(),
            doc.responseType(),
            doc.requestType(),
            doc.requestRequired()));
  }

  /** The JSON body's schema component. */
  public Route body(String schema) {
    return withDoc(doc.body(schema));
  }

  /** A JSON body the caller may leave out. */
  public Route optionalBody(String schema) {
    return withDoc(doc.request(schema, "application/json", false));
  }

  /** A multipart/form-data body (file uploads), described by the schema component. */
  public Route multipartBody(String schema) {
    return withDoc(doc.request(schema, "multipart/form-data", true));
  }

  /** The success status and its JSON body's schema component. */
  public Route returns(int status, String schema) {
    return withDoc(doc.returns(status, schema));
  }

  /** The success status of a route that answers without a body. */
  public Route returnsNothing(int status) {
    return withDoc(doc.returnsNothing(status));
  }

  /** A success body that is not JSON (HTML, Prometheus text). */
  public Route returnsMedia(String mediaType) {
    return withDoc(doc.returnsMedia(mediaType));
  }

  private Route withDoc(RouteDoc newDoc) {
    return new Route(method, path, access, handler, newDoc);
  }

  /** "GET /users/{id}": how tests and the matrix name a route. */
  public String key() {
    return method.name() + " " + path;
  }

  /**
   * The OpenAPI description of a route.
   *
   * @param tag the feature it belongs to
   * @param summary one line
   * @param requestSchema component name of the JSON body, or null
   * @param status the success status
   * @param responseSchema component name of the success body, or null (no body, or not JSON)
   * @param responseType media type of the success body
   * @param requestType media type of the request body (JSON, or multipart for uploads)
   * @param requestRequired whether the request body is required
   */
  public record RouteDoc(
      String tag,
      String summary,
      String requestSchema,
      int status,
      String responseSchema,
      String responseType,
      String requestType,
      boolean requestRequired) {

    public static RouteDoc of(String tag, String summary) {
      return new RouteDoc(
          tag, summary, null, 200, null, "application/json", "application/json", true);
    }

    public RouteDoc body(String schema) {
      return request(schema, "application/json", true);
    }

    public RouteDoc request(String schema, String mediaType, boolean required) {
      return new RouteDoc(
          tag, summary, schema, status, responseSchema, responseType, mediaType, required);
    }

    public RouteDoc returns(int newStatus, String schema) {
      return new RouteDoc(
          tag,
          summary,
          requestSchema,
          newStatus,
          schema,
          responseType,
          requestType,
          requestRequired);
    }

    public RouteDoc returnsNothing(int newStatus) {
      return new RouteDoc(
          tag, summary, requestSchema, newStatus, null, null, requestType, requestRequired);
    }

    public RouteDoc returnsMedia(String mediaType) {
      return new RouteDoc(
          tag, summary, requestSchema, status, null, mediaType, requestType, requestRequired);
    }
  }
}
