-- Result tables written by the Kafka Connect JDBC sinks (connectors/*-jdbc-sink.json), never by
-- the application and never by the connector itself (schema.evolution=none): column names and
-- types are exactly what the Debezium JDBC sink binds from the catalog records (timestamp-millis
-- -> timestamp, in UTC; long -> bigint; enums -> their symbol as text). The read side (analytics)
-- only selects from them.

-- The current attributed state of each order (topic `attributions`, AttributedConversion), one row
-- per store + order, upserted by the sink: a later revision replaces the row (the topic is keyed
-- and compacted by store:order, so the last record of a key is its latest revision). credits is
-- the per-influencer split as a JSON array of {influencer_id, link_id, share_ppm, revenue_minor,
-- commission_minor} (the FieldsToJson transform). Money is bigint minor units of currency.
-- The attribution job's change ledger (deltas) is an optional topic outside the catalog that no
-- sink reads, so it has no table. No CHECK on the enum columns: a record the table refused would
-- stop the sink task (constraint errors are not dead-lettered); the catalog's schema already
-- limits them.
CREATE TABLE attributions (
  store_id varchar NOT NULL,
  order_id varchar NOT NULL,
  brand_id varchar NOT NULL,
  campaign_id varchar,
  method varchar(16) NOT NULL,
  attribution_model varchar(16) NOT NULL,
  click_id varchar,
  promo_code varchar,
  currency varchar(3) NOT NULL,
  order_amount_minor bigint NOT NULL,
  refunded_amount_minor bigint NOT NULL,
  net_amount_minor bigint NOT NULL,
  commission_minor bigint NOT NULL,
  cancelled boolean NOT NULL,
  credits jsonb,
  billable boolean NOT NULL,
  order_time timestamp NOT NULL,
  updated_at timestamp NOT NULL,
  revision bigint NOT NULL,
  CONSTRAINT attributions_pk PRIMARY KEY (store_id, order_id)
);
-- Per campaign over time (tiles, time series, leaderboards of a campaign).
CREATE INDEX attributions_campaign_time_idx ON attributions (campaign_id, order_time);
-- A brand's orders over time (brand-wide totals, exports).
CREATE INDEX attributions_brand_time_idx ON attributions (brand_id, order_time);
-- Platform-wide time ranges, and the freshness label (newest updated_at).
CREATE INDEX attributions_time_idx ON attributions (order_time);
CREATE INDEX attributions_updated_idx ON attributions (updated_at);
-- Per influencer: an influencer is inside credits, so a GIN index serves
-- `credits @> '[{"influencer_id": "..."}]'`. jOOQ's DDLDatabase (H2) cannot simulate a GIN index
-- and does not need to: it only generates table classes.
/* [jooq ignore start] */
CREATE INDEX attributions_credits_idx ON attributions USING gin (credits jsonb_path_ops);
/* [jooq ignore stop] */
