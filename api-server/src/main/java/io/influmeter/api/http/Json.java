package io.influmeter.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** The one JSON mapping of the API, and the one way handlers read a request body. */
public final class Json {
  private Json() {}

  public static ObjectMapper mapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        // Unknown fields are refused: a typo in a PATCH must not be silently ignored.
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  }

  /** Reads the body as {@code type}, turning unreadable JSON into a 400 naming the field. */
  public static <T> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      throw ApiException.badRequest("A JSON body is required.");
    }
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw ApiException.badRequest("A JSON object is required.");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw ApiException.validation(List.of(new ApiException.FieldError(path(e), "unknown field")));
    } catch (InvalidFormatException e) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError(path(e), "has the wrong type or format")));
    } catch (MismatchedInputException e) {
      String field = path(e);
      if (field.isEmpty()) {
        throw ApiException.badRequest("The body must be a JSON object.");
      }
      throw ApiException.validation(
          List.of(new ApiException.FieldError(field, "has the wrong type")));
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("The body is not valid JSON.");
    } catch (IOException e) {
      throw ApiException.badRequest("The body could not be read.");
    }
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
