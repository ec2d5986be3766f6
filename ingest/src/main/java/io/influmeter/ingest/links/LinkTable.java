package io.influmeter.ingest.links;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The slug -> link map the redirect reads; slugs are case-insensitive (stored lower-case). */
public final class LinkTable {

  private final ConcurrentHashMap<String, Link> links = new ConcurrentHashMap<>(1 << 16);
  private volatile boolean ready;

  public Optional<Link> find(String slug) {
    return Optional.ofNullable(links.get(normalize(slug)));
  }

  public void put(String slug, Link link) {
    links.put(normalize(slug), link);
  }

  public void remove(String slug) {
    links.remove(normalize(slug));
  }

  public int size() {
    return links.size();
  }

  /** True once the table has read the links topic up to its end offsets at start. */
  public boolean isReady() {
    return ready;
  }

  public void markReady() {
    ready = true;
  }

  static String normalize(String slug) {
    return slug.toLowerCase(Locale.ROOT);
  }
}
