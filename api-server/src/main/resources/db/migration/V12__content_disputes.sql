-- Content uploads and their review, flags, disputes, platform fee rules, subscriptions and the
-- daily campaign revenue the performance fees are computed from. Same rules as V1/V3: plain DDL
-- that jOOQ's DDLDatabase parses (varchar for indexed strings, varchar + CHECK for enums,
-- application-generated uuid ids, no functions).

-- One piece of content an accepted influencer delivers for a campaign. review_status is the
-- brand's decision on the current revision; moderation is the admin's (flagged content waits for
-- review, removed content is hidden from everyone but admins).
CREATE TABLE content_items (
  id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  influencer_id uuid NOT NULL,
  review_status varchar(24) NOT NULL,
  moderation varchar(16) NOT NULL,
  current_revision integer NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  CONSTRAINT content_items_pk PRIMARY KEY (id),
  CONSTRAINT content_items_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT content_items_influencer_fk FOREIGN KEY (influencer_id) REFERENCES users (id),
  CONSTRAINT content_items_review_check
    CHECK (review_status IN ('PENDING_REVIEW', 'APPROVED', 'CHANGES_REQUESTED')),
  CONSTRAINT content_items_moderation_check CHECK (moderation IN ('VISIBLE', 'FLAGGED', 'REMOVED'))
);
CREATE INDEX content_items_campaign_idx ON content_items (campaign_id);
CREATE INDEX content_items_moderation_idx ON content_items (moderation);

-- Every uploaded file of a content item (revision 1, 2, ...). storage_key is generated (uuid +
-- canonical extension); original_filename is sanitised metadata, never used as a path.
CREATE TABLE content_revisions (
  id uuid NOT NULL,
  content_id uuid NOT NULL,
  revision integer NOT NULL,
  storage_key varchar(128) NOT NULL,
  media_type varchar(32) NOT NULL,
  size_bytes bigint NOT NULL,
  width integer,
  height integer,
  sha256 varchar(64) NOT NULL,
  original_filename varchar(255),
  caption text,
  uploaded_at timestamp with time zone NOT NULL,
  CONSTRAINT content_revisions_pk PRIMARY KEY (id),
  CONSTRAINT content_revisions_unique UNIQUE (content_id, revision),
  CONSTRAINT content_revisions_key_unique UNIQUE (storage_key),
  CONSTRAINT content_revisions_content_fk FOREIGN KEY (content_id) REFERENCES content_items (id),
  CONSTRAINT content_revisions_type_check CHECK (media_type IN
    ('image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/quicktime'))
);

-- The brand's decisions, kept as history (one row per decision, never updated).
CREATE TABLE content_decisions (
  id uuid NOT NULL,
  content_id uuid NOT NULL,
  revision integer NOT NULL,
  decision varchar(24) NOT NULL,
  comment text,
  decided_by uuid NOT NULL,
  decided_at timestamp with time zone NOT NULL,
  CONSTRAINT content_decisions_pk PRIMARY KEY (id),
  CONSTRAINT content_decisions_content_fk FOREIGN KEY (content_id) REFERENCES content_items (id),
  CONSTRAINT content_decisions_by_fk FOREIGN KEY (decided_by) REFERENCES users (id),
  CONSTRAINT content_decisions_check CHECK (decision IN ('APPROVED', 'CHANGES_REQUESTED'))
);
CREATE INDEX content_decisions_content_idx ON content_decisions (content_id);

-- A user's report of a content item. Open until an admin removes or restores the item.
CREATE TABLE content_flags (
  id uuid NOT NULL,
  content_id uuid NOT NULL,
  reporter_id uuid NOT NULL,
  reason text NOT NULL,
  created_at timestamp with time zone NOT NULL,
  resolution varchar(16),
  resolved_by uuid,
  resolved_at timestamp with time zone,
  CONSTRAINT content_flags_pk PRIMARY KEY (id),
  CONSTRAINT content_flags_content_fk FOREIGN KEY (content_id) REFERENCES content_items (id),
  CONSTRAINT content_flags_reporter_fk FOREIGN KEY (reporter_id) REFERENCES users (id),
  CONSTRAINT content_flags_resolution_check CHECK (resolution IN ('REMOVED', 'RESTORED'))
);
CREATE INDEX content_flags_content_idx ON content_flags (content_id);

-- A brand's or influencer's dispute about a conversion (order id), a payout or a content decision
-- of a campaign both are party to. brand_id and influencer_id are the two parties.
CREATE TABLE disputes (
  id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  opened_by uuid NOT NULL,
  brand_id uuid NOT NULL,
  influencer_id uuid NOT NULL,
  subject varchar(16) NOT NULL,
  reference varchar(200) NOT NULL,
  description text NOT NULL,
  status varchar(16) NOT NULL,
  outcome varchar(16),
  resolution_note text,
  resolved_by uuid,
  resolved_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT disputes_pk PRIMARY KEY (id),
  CONSTRAINT disputes_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT disputes_opened_by_fk FOREIGN KEY (opened_by) REFERENCES users (id),
  CONSTRAINT disputes_brand_fk FOREIGN KEY (brand_id) REFERENCES users (id),
  CONSTRAINT disputes_influencer_fk FOREIGN KEY (influencer_id) REFERENCES users (id),
  CONSTRAINT disputes_subject_check CHECK (subject IN ('CONVERSION', 'PAYOUT', 'CONTENT')),
  CONSTRAINT disputes_status_check CHECK (status IN ('OPEN', 'RESOLVED')),
  CONSTRAINT disputes_outcome_check CHECK (outcome IN ('UPHELD', 'REJECTED'))
);
CREATE INDEX disputes_status_idx ON disputes (status);
CREATE INDEX disputes_brand_idx ON disputes (brand_id);
CREATE INDEX disputes_influencer_idx ON disputes (influencer_id);

-- The platform's performance fee, per campaign (campaign_id set) or per subscription plan (plan
-- set): percent of attributed net revenue (exact, up to 4 decimals) and/or a fixed amount per
-- conversion in minor units of the revenue's currency. A campaign rule wins over its brand's plan
-- rule.
CREATE TABLE platform_fee_rules (
  id uuid NOT NULL,
  campaign_id uuid,
  plan varchar(32),
  percent numeric(7, 4) NOT NULL,
  fixed_per_conversion_minor bigint NOT NULL,
  updated_by uuid NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  CONSTRAINT platform_fee_rules_pk PRIMARY KEY (id),
  CONSTRAINT platform_fee_rules_campaign_unique UNIQUE (campaign_id),
  CONSTRAINT platform_fee_rules_plan_unique UNIQUE (plan),
  CONSTRAINT platform_fee_rules_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT platform_fee_rules_target_check
    CHECK ((campaign_id IS NULL AND plan IS NOT NULL) OR (campaign_id IS NOT NULL AND plan IS NULL)),
  CONSTRAINT platform_fee_rules_percent_check CHECK (percent >= 0 AND percent <= 100),
  CONSTRAINT platform_fee_rules_fixed_check CHECK (fixed_per_conversion_minor >= 0)
);

-- A brand's paid subscription period, recorded by an admin. Revenue is recognised in the month
-- of period_start.
CREATE TABLE subscriptions (
  id uuid NOT NULL,
  brand_id uuid NOT NULL,
  plan varchar(32) NOT NULL,
  amount_minor bigint NOT NULL,
  currency varchar(3) NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT subscriptions_pk PRIMARY KEY (id),
  CONSTRAINT subscriptions_brand_fk FOREIGN KEY (brand_id) REFERENCES users (id),
  CONSTRAINT subscriptions_amount_check CHECK (amount_minor >= 0),
  CONSTRAINT subscriptions_period_check CHECK (period_end >= period_start)
);
CREATE INDEX subscriptions_brand_idx ON subscriptions (brand_id);
CREATE INDEX subscriptions_start_idx ON subscriptions (period_start);

-- Attributed net revenue and conversions per campaign, day and currency: the input of the
-- performance fees. Filled (upserted) by the attribution aggregation of a later issue.
CREATE TABLE campaign_revenue_daily (
  campaign_id uuid NOT NULL,
  day date NOT NULL,
  currency varchar(3) NOT NULL,
  net_revenue_minor bigint NOT NULL,
  conversions bigint NOT NULL,
  CONSTRAINT campaign_revenue_daily_pk PRIMARY KEY (campaign_id, day, currency),
  CONSTRAINT campaign_revenue_daily_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT campaign_revenue_daily_conversions_check CHECK (conversions >= 0)
);
CREATE INDEX campaign_revenue_daily_day_idx ON campaign_revenue_daily (day);
