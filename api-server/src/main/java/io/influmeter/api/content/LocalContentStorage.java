package io.influmeter.api.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files in one local directory (CONTENT_STORAGE_DIR), written atomically by rename. */
public final class LocalContentStorage implements ContentStorage {
  private final Path directory;

  public LocalContentStorage(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the content directory " + directory, e);
    }
  }

  @Override
  public void put(String key, Path file, MediaType type) throws IOException {
    Path target = resolve(key);
    Path partial = directory.resolve(key + ".partial");
    Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public InputStream open(String key) throws IOException {
    return Files.newInputStream(resolve(key));
  }

  public Path directory() {
    return directory;
  }

  private Path resolve(String key) {
    ContentStorage.requireGeneratedKey(key);
    Path path = directory.resolve(key).normalize();
    if (!path.getParent().equals(directory)) {
      throw new IllegalArgumentException("key outside the content directory");
    }
    return path;
  }
}
