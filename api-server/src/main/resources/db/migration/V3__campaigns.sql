-- Campaigns, their participants, referral links and codes, stores, the CDC outbox and the
-- notification outbox. Same rules as V1: plain DDL that jOOQ's DDLDatabase parses (varchar for
-- indexed strings, varchar + CHECK for enums, application-generated uuid ids, no functions).

-- Creator profile fields used for targeting. followers_total and engagement_rate are filled from
-- social-metric results once the pollers exist; until then they stay null (and match no range filter).
ALTER TABLE creator_profiles ADD COLUMN gender varchar(16);
ALTER TABLE creator_profiles ADD COLUMN languages jsonb;
ALTER TABLE creator_profiles ADD COLUMN platforms jsonb;
ALTER TABLE creator_profiles ADD COLUMN followers_total bigint;
ALTER TABLE creator_profiles ADD COLUMN engagement_rate numeric(9, 6);
ALTER TABLE creator_profiles ADD CONSTRAINT creator_profiles_gender_check
  CHECK (gender IN ('FEMALE', 'MALE', 'NON_BINARY', 'UNDISCLOSED'));

-- A brand's campaign. Money is exact: budget in minor units of currency; commission either a
-- percentage of net revenue (numeric, at most 2 decimals, so it maps to basis points in the
-- ReferralLink record) or a fixed amount per conversion in minor units.
-- version: optimistic locking of concurrent edits and transitions.
CREATE TABLE campaigns (
  id uuid NOT NULL,
  brand_id uuid NOT NULL,
  name text NOT NULL,
  brief text,
  objective varchar(16) NOT NULL,
  budget_minor bigint NOT NULL,
  currency varchar(3) NOT NULL,
  starts_at timestamp with time zone NOT NULL,
  ends_at timestamp with time zone NOT NULL,
  commission_type varchar(16) NOT NULL,
  commission_percent numeric(5, 2),
  commission_fixed_minor bigint,
  attribution_lookback_days integer NOT NULL,
  attribution_model varchar(16) NOT NULL,
  -- {"regions":[..],"genders":[..],"industries":[..],"platforms":[..],
  --  "minFollowers":n,"maxFollowers":n,"minEngagementRate":"0.02"}; every key optional
  target_filters jsonb NOT NULL,
  landing_url text NOT NULL,
  fallback_url text,
  utm_template jsonb NOT NULL,
  allow_utm_passthrough boolean NOT NULL,
  status varchar(16) NOT NULL,
  rejection_reason text,
  submitted_at timestamp with time zone,
  decided_at timestamp with time zone,
  decided_by uuid,
  closed_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  version integer NOT NULL,
  CONSTRAINT campaigns_pk PRIMARY KEY (id),
  CONSTRAINT campaigns_brand_fk FOREIGN KEY (brand_id) REFERENCES users (id),
  CONSTRAINT campaigns_objective_check CHECK (objective IN ('AWARENESS', 'TRAFFIC', 'SALES')),
  CONSTRAINT campaigns_commission_type_check CHECK (commission_type IN ('PERCENTAGE', 'FIXED')),
  CONSTRAINT campaigns_model_check
    CHECK (attribution_model IN ('LAST_CLICK', 'FIRST_CLICK', 'LINEAR', 'TIME_DECAY', 'POSITION_BASED')),
  CONSTRAINT campaigns_status_check CHECK (status IN
    ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'ACTIVE', 'COMPLETED', 'CANCELLED')),
  CONSTRAINT campaigns_budget_check CHECK (budget_minor >= 0),
  CONSTRAINT campaigns_lookback_check CHECK (attribution_lookback_days BETWEEN 1 AND 365)
);
CREATE INDEX campaigns_brand_idx ON campaigns (brand_id);
CREATE INDEX campaigns_status_idx ON campaigns (status);

-- An influencer's place in a campaign, from a brand's invitation or the influencer's application.
-- INVITED -> ACCEPTED | DECLINED (influencer) | WITHDRAWN (brand);
-- APPLIED -> ACCEPTED | DECLINED (brand) | WITHDRAWN (influencer).
CREATE TABLE campaign_participants (
  id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  influencer_id uuid NOT NULL,
  origin varchar(16) NOT NULL,
  status varchar(16) NOT NULL,
  pitch text,
  decided_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  CONSTRAINT campaign_participants_pk PRIMARY KEY (id),
  CONSTRAINT campaign_participants_unique UNIQUE (campaign_id, influencer_id),
  CONSTRAINT campaign_participants_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT campaign_participants_influencer_fk FOREIGN KEY (influencer_id) REFERENCES users (id),
  CONSTRAINT campaign_participants_origin_check CHECK (origin IN ('INVITATION', 'APPLICATION')),
  CONSTRAINT campaign_participants_status_check
    CHECK (status IN ('INVITED', 'APPLIED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'))
);
CREATE INDEX campaign_participants_influencer_idx ON campaign_participants (influencer_id);

-- One referral link and promo code per accepted participant. slug is stored lower-case (unique:
-- case-insensitive), promo_code upper-case, unique per brand (so per each of the brand's stores).
CREATE TABLE referral_links (
  id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  influencer_id uuid NOT NULL,
  brand_id uuid NOT NULL,
  slug varchar(64) NOT NULL,
  promo_code varchar(32) NOT NULL,
  destination_url text NOT NULL,
  utm jsonb NOT NULL,
  status varchar(16) NOT NULL,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  CONSTRAINT referral_links_pk PRIMARY KEY (id),
  CONSTRAINT referral_links_slug_unique UNIQUE (slug),
  CONSTRAINT referral_links_code_unique UNIQUE (brand_id, promo_code),
  CONSTRAINT referral_links_participant_unique UNIQUE (campaign_id, influencer_id),
  CONSTRAINT referral_links_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT referral_links_influencer_fk FOREIGN KEY (influencer_id) REFERENCES users (id),
  CONSTRAINT referral_links_status_check CHECK (status IN ('ACTIVE', 'PAUSED', 'RETIRED'))
);

-- A brand's store. ingest reads this table (read-only) to verify webhook signatures, so the
-- secrets must be recoverable: they are sealed (AES-GCM, key STORE_SECRET_KEY shared by the
-- api-server and ingest), never plain. The previous secret keeps verifying until
-- previous_secret_expires_at (rotation grace period).
CREATE TABLE stores (
  id uuid NOT NULL,
  brand_id uuid NOT NULL,
  platform varchar(16) NOT NULL,
  display_name text NOT NULL,
  currency varchar(3) NOT NULL,
  signing_secret text NOT NULL,
  previous_signing_secret text,
  previous_secret_expires_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  CONSTRAINT stores_pk PRIMARY KEY (id),
  CONSTRAINT stores_brand_fk FOREIGN KEY (brand_id) REFERENCES users (id),
  CONSTRAINT stores_platform_check CHECK (platform IN ('SHOPIFY', 'WOOCOMMERCE', 'STRIPE', 'GENERIC'))
);
CREATE INDEX stores_brand_idx ON stores (brand_id);

-- Transactional outbox published by the CDC source (connectors/outbox-cdc-source.json): payload
-- is a catalog record in the wire format, written in the transaction of the change it describes;
-- an empty payload is a tombstone. Rows may be deleted right after insert (same transaction).
CREATE TABLE outbox (
  id uuid NOT NULL,
  topic text NOT NULL,
  aggregate_id text NOT NULL,
  payload bytea,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT outbox_pk PRIMARY KEY (id)
);

-- E-mails to send, written in the transaction of the change they announce and sent by the
-- notification worker with retries. facts: the kind's template values.
CREATE TABLE notifications (
  id uuid NOT NULL,
  recipient_id uuid NOT NULL,
  kind varchar(48) NOT NULL,
  facts jsonb NOT NULL,
  status varchar(16) NOT NULL,
  attempts integer NOT NULL,
  next_attempt_at timestamp with time zone NOT NULL,
  sent_at timestamp with time zone,
  last_error text,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT notifications_pk PRIMARY KEY (id),
  CONSTRAINT notifications_recipient_fk FOREIGN KEY (recipient_id) REFERENCES users (id),
  CONSTRAINT notifications_status_check CHECK (status IN ('PENDING', 'SENT', 'FAILED'))
);
CREATE INDEX notifications_due_idx ON notifications (status, next_attempt_at);
