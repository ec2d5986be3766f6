package io.influmeter.api.stores;

/** Where a brand's orders come from; ingest has one webhook adapter per platform. */
public enum StorePlatform {
  SHOPIFY,
  WOOCOMMERCE,
  STRIPE,
  GENERIC
}
