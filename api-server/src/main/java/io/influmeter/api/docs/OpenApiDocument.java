package io.influmeter.api.docs;

import io.influmeter.api.http.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.0 document, generated from the routes table: every route appears, with its roles
 * (as text and as {@code x-roles}), its body and its possible problems. Nothing else is in it.
 */
public final class OpenApiDocument {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

  private OpenApiDocument() {}

  public static Map<String, Object> build(List<Route> routes) {
    Map<String, Object> schemas = OpenApiSchemas.all();
    Map<String, Map<String, Object>> paths = new TreeMap<>();
    for (Route route : routes) {
      if (route.doc().tag().isBlank() || route.doc().summary().isBlank()) {
        throw new IllegalStateException(
            route.key() + " has no .doc(tag, summary) in the routes table");
      }
      requireSchema(schemas, route, route.doc().requestSchema());
      requireSchema(schemas, route, route.doc().responseSchema());
      paths
          .computeIfAbsent(route.path(), p -> new LinkedHashMap<>())
          .put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("openapi", "3.0.3");
    document.put(
        "info",
        Map.of(
            "title", "Influmeter API",
            "version", "1",
            "description",
                "Accounts, sign-in and administration. Errors are RFC 9457 problem+json."));
    document.put("paths", paths);
    document.put(
        "components",
        Map.of(
            "schemas",
            schemas,
            "securitySchemes",
            Map.of("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"))));
    return document;
  }

  private static Map<String, Object> operation(Route route) {
    var doc = route.doc();
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", operationId(route));
    op.put("tags", List.of(doc.tag()));
    op.put("summary", doc.summary());
    op.put("description", "Who may call it: " + route.access().describe() + ".");
    op.put(
        "x-roles",
        route.access().anonymous() ? List.of("ANONYMOUS") : route.access().sortedRoles());
    if (!route.access().anonymous()) {
      op.put("security", List.of(Map.of("bearer", List.of())));
    }
    List<Object> parameters = new ArrayList<>();
    Matcher m = PATH_PARAM.matcher(route.path());
    while (m.find()) {
      parameters.add(
          Map.of(
              "name",
              m.group(1),
              "in",
              "path",
              "required",
              true,
              "schema",
              pathParameterSchema(m.group(1))));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    if (doc.requestSchema() != null) {
      op.put(
          "requestBody",
          Map.of(
              "required",
              doc.requestRequired(),
              "content",
              Map.of(
                  doc.requestType(), Map.of("schema", OpenApiSchemas.ref(doc.requestSchema())))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    Map<String, Object> success = new LinkedHashMap<>();
    success.put("description", "Success");
    if (doc.responseSchema() != null) {
      success.put(
          "content",
          Map.of(doc.responseType(), Map.of("schema", OpenApiSchemas.ref(doc.responseSchema()))));
    } else if (doc.responseType() != null) {
      success.put(
          "content", Map.of(doc.responseType(), Map.of("schema", Map.of("type", "string"))));
    }
    responses.put(Integer.toString(doc.status()), success);
    if (doc.requestSchema() != null) {
      responses.put("400", problem("Invalid body, with per-field errors"));
    }
    if (!route.access().anonymous()) {
      responses.put("401", problem("Missing, invalid, expired or revoked access token"));
      responses.put("403", problem("The caller's role may not call this route"));
    }
    if (route.path().contains("{")) {
      responses.put("404", problem("No such object (or not yours)"));
    }
    if (!route.access().infrastructure()) {
      responses.put("429", problem("Rate limited; see Retry-After"));
    }
    responses.put("default", problem("Any other error"));
    op.put("responses", responses);
    return op;
  }

  /** Ids are uuids; other path parameters (a download token, a plan name) are strings. */
  private static Map<String, Object> pathParameterSchema(String name) {
    if (name.equals("id") || name.endsWith("Id")) {
      return Map.of("type", "string", "format", "uuid");
    }
    return Map.of("type", "string");
  }

  private static Map<String, Object> problem(String description) {
    return Map.of(
        "description",
        description,
        "content",
        Map.of("application/problem+json", Map.of("schema", OpenApiSchemas.ref("Problem"))));
  }

  private static String operationId(Route route) {
    StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
    for (String part : route.path().split("[/{}\\-.]")) {
      if (!part.isEmpty()) {
        id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return id.toString();
  }

  private static void requireSchema(Map<String, Object> schemas, Route route, String name) {
    if (name != null && !schemas.containsKey(name)) {
      throw new IllegalStateException(route.key() + " names an undefined schema " + name);
    }
  }
}
