package io.influmeter.api.content;

/** The only kinds of file accepted, with the type and extension they are stored and served as. */
public enum MediaType {
  JPEG("image/jpeg", "jpg", true),
  PNG("image/png", "png", true),
  WEBP("image/webp", "webp", true),
  MP4("video/mp4", "mp4", false),
  MOV("video/quicktime", "mov", false);

  private final String mime;
  private final String extension;
  private final boolean image;

  MediaType(String mime, String extension, boolean image) {
    this.mime = mime;
    this.extension = extension;
    this.image = image;
  }

  public String mime() {
    return mime;
  }

  public String extension() {
    return extension;
  }

  public boolean image() {
    return image;
  }

  public static MediaType ofMime(String mime) {
    for (MediaType type : values()) {
      if (type.mime.equals(mime)) {
        return type;
      }
    }
    throw new IllegalArgumentException("not a stored media type: " + mime);
  }
}
