package io.influmeter.api.content;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influmeter.api.http.ApiException;
import io.influmeter.api.http.Json;
import io.influmeter.api.http.Requests;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** HTTP side of /campaigns/{id}/content, /content and /admin/content. */
public final class ContentController {
  /** Downloads are attachments in a sandbox: a browser never runs or renders them as a page. */
  static final String FILE_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

  private final ContentService service;
  private final ContentModeration moderation;
  private final ContentConfig config;
  private final ObjectMapper json;

  public ContentController(
      ContentService service,
      ContentModeration moderation,
      ContentConfig config,
      ObjectMapper json) {
    this.service = service;
    this.moderation = moderation;
    this.config = config;
    this.json = json;
  }

  public void upload(Context ctx) throws IOException {
    var principal = Requests.principal(ctx);
    var campaignId = Requests.uuidPathParam(ctx, "id");
    UploadedFile file = uploadedFile(ctx);
    try (var content = file.content()) {
      var upload =
          new ContentService.Upload(
              content, file.size(), file.filename(), ctx.formParam("caption"));
      ctx.status(201).json(service.upload(principal, campaignId, upload));
    }
  }

  public void uploadRevision(Context ctx) throws IOException {
    var principal = Requests.principal(ctx);
    var contentId = Requests.uuidPathParam(ctx, "id");
    UploadedFile file = uploadedFile(ctx);
    try (var content = file.content()) {
      var upload =
          new ContentService.Upload(
              content, file.size(), file.filename(), ctx.formParam("caption"));
      ctx.status(201).json(service.uploadRevision(principal, contentId, upload));
    }
  }

  public void list(Context ctx) {
    ctx.json(service.list(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id")));
  }

  public void get(Context ctx) {
    ctx.json(service.get(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id")));
  }

  public void downloadUrl(Context ctx) {
    ctx.json(service.downloadUrl(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id")));
  }

  public void file(Context ctx) throws IOException {
    var stored = service.open(ctx.pathParam("token"));
    ctx.contentType(stored.type().mime());
    ctx.header("Content-Disposition", "attachment; filename=\"" + stored.name() + "\"");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", FILE_CSP);
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.result(stored.content());
  }

  public void approve(Context ctx) {
    ctx.json(service.approve(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id")));
  }

  public void requestChanges(Context ctx) {
    var body = Json.body(ctx, json, ContentRequests.RequestChanges.class);
    ctx.json(
        service.requestChanges(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id"), body));
  }

  public void flag(Context ctx) {
    var body = Json.body(ctx, json, ContentRequests.FlagContent.class);
    ctx.status(201)
        .json(moderation.flag(Requests.principal(ctx), Requests.uuidPathParam(ctx, "id"), body));
  }

  public void flagged(Context ctx) {
    ctx.json(
        moderation.flagged(
            Requests.intQueryParam(ctx, "limit", 50, 1, 200),
            Requests.intQueryParam(ctx, "offset", 0, 0, 1_000_000)));
  }

  public void remove(Context ctx) {
    ctx.json(
        moderation.remove(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            optionalNote(ctx),
            Requests.clientIp(ctx)));
  }

  public void restore(Context ctx) {
    ctx.json(
        moderation.restore(
            Requests.principal(ctx),
            Requests.uuidPathParam(ctx, "id"),
            optionalNote(ctx),
            Requests.clientIp(ctx)));
  }

  private ContentRequests.Moderate optionalNote(Context ctx) {
    if (ctx.contentLength() <= 0) {
      return null;
    }
    return Json.body(ctx, json, ContentRequests.Moderate.class);
  }

  /**
   * The multipart part named "file". Jetty spools parts larger than a small threshold to the upload
   * directory (the multipart config in ApiServer), so nothing large sits in memory; the declared
   * length is checked first so an oversize body is refused before it is read.
   */
  private UploadedFile uploadedFile(Context ctx) {
    String type = ctx.contentType();
    if (type == null
        || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "Upload the file as multipart/form-data with a part named file.",
          List.of(),
          Map.of());
    }
    if (ctx.contentLength() > config.maxUploadRequestBytes()) {
      throw tooLarge();
    }
    UploadedFile file;
    try {
      file = ctx.uploadedFile("file");
    } catch (RuntimeException e) {
      if (mentionsSizeLimit(e)) {
        throw tooLarge();
      }
      throw ApiException.badRequest("The multipart body could not be read.");
    }
    if (file == null) {
      throw ApiException.validation(
          List.of(new ApiException.FieldError("file", "is required (a multipart file part)")));
    }
    return file;
  }

  private static boolean mentionsSizeLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("max") || message.contains("exceed") || message.contains("too large")) {
        return true;
      }
    }
    return false;
  }

  private ApiException tooLarge() {
    return new ApiException(
        413,
        "payload-too-large",
        "Payload too large",
        "Uploads may be at most " + config.maxUploadRequestBytes() + " bytes.",
        List.of(),
        Map.of());
  }
}
