package io.influmeter.ingest.stores;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Stores held in memory: for tests and the local stack's demo data, not for production. */
public final class InMemoryStoreDirectory implements StoreDirectory {

  private final Map<String, Store> stores = new ConcurrentHashMap<>();

  public InMemoryStoreDirectory put(Store store) {
    stores.put(store.id(), store);
    return this;
  }

  @Override
  public Optional<Store> find(String storeId) {
    return storeId == null ? Optional.empty() : Optional.ofNullable(stores.get(storeId));
  }
}
