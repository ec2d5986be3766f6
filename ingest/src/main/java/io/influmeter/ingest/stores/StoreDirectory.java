package io.influmeter.ingest.stores;

import java.util.Optional;

/** Looks up the store a webhook claims to come from. */
public interface StoreDirectory {

  /** The store with this id, if it exists. Never throws for an unknown or malformed id. */
  Optional<Store> find(String storeId);
}
