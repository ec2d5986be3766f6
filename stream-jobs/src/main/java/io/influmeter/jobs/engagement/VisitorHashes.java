package io.influmeter.jobs.engagement;

/**
 * The distinct visitors of one window as a set of 64-bit hashes of their ids, in an open-addressing
 * {@code long[]} table (linear probing, 0 = empty slot, at most half full).
 *
 * <p>Why not a {@code HashMap<String, Boolean>}: the heap state backend deep-copies a row's windows
 * on the first access after each checkpoint starts (copy-on-write) and serializes them in every
 * full snapshot; a map of strings made that copy, and the per-click insert, most of the job's CPU.
 * A {@code long[]} copies as one array and serializes as plain longs, and an insert allocates
 * nothing.
 *
 * <p>Exactness: two distinct ids count once only if their 64-bit hashes collide; for n visitors in
 * one window that happens with probability about n^2 / 2^65 (1e-8 for a million visitors in one
 * window), so the count equals an exact recomputation in practice (the pipeline tests compare with
 * string sets). The hash is not keyed: ids are first-party cookie ids or ingest's salted IP/UA
 * hashes, so a client could at most make two of its own ids count once.
 */
final class VisitorHashes {

  private static final int INITIAL_CAPACITY = 8;

  private VisitorHashes() {}

  /** A well-mixed, never-zero 64-bit hash of {@code visitorId}. */
  static long of(String visitorId) {
    long hash = 0xcbf29ce484222325L ^ visitorId.length();
    for (int index = 0; index < visitorId.length(); index++) {
      hash = (hash ^ visitorId.charAt(index)) * 0x100000001b3L;
    }
    // MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash == 0 ? 1 : hash;
  }

  /**
   * Adds {@code hash} (from {@link #of}) to {@code table} (null = empty) holding {@code size}
   * hashes: returns null when it was there already, else the table that now holds it (a new one
   * when it had to grow), whose size is {@code size + 1}.
   */
  static long[] addIfAbsent(long[] table, int size, long hash) {
    if (contains(table, hash)) {
      return null;
    }
    long[] target = table;
    if (target == null) {
      target = new long[INITIAL_CAPACITY];
    } else if ((size + 1) * 2 > target.length) {
      target = grow(target);
    }
    insert(target, hash);
    return target;
  }

  /** True when {@code table} holds {@code hash}. */
  static boolean contains(long[] table, long hash) {
    if (table == null) {
      return false;
    }
    int mask = table.length - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      long value = table[slot];
      if (value == hash) {
        return true;
      }
      if (value == 0) {
        return false;
      }
    }
  }

  private static void insert(long[] table, long hash) {
    int mask = table.length - 1;
    for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
      long value = table[slot];
      if (value == 0) {
        table[slot] = hash;
        return;
      }
      if (value == hash) {
        return;
      }
    }
  }

  private static long[] grow(long[] table) {
    long[] bigger = new long[table.length * 2];
    for (long value : table) {
      if (value != 0) {
        insert(bigger, value);
      }
    }
    return bigger;
  }

  private static int spread(long hash) {
    return (int) (hash ^ (hash >>> 32));
  }
}
