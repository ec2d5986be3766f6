-- AI insights: reports the insight worker writes for a brand from triggers, a periodic schedule and
-- on-demand requests; plus the engagement_windows result table they read per-influencer figures from.

-- How often the periodic summary runs for a campaign (days).
ALTER TABLE campaigns ADD COLUMN insights_every_days integer DEFAULT 7 NOT NULL;
ALTER TABLE campaigns ADD CONSTRAINT campaigns_insights_every_check
  CHECK (insights_every_days BETWEEN 1 AND 365);

-- Written by the Debezium JDBC sink from engagement.windows (connectors/engagement-windows-jdbc-sink.json:
-- upsert on the primary key, schema.evolution=none, so this is the table's only definition). Same
-- shape as the connector's test table; the key columns are varchar instead of text because jOOQ's
-- DDLDatabase simulates the DDL on H2, which cannot index text (PostgreSQL treats both alike).
-- campaign_id "*" is the per-influencer overall row. Timestamps are UTC without a zone, as the sink writes them.
CREATE TABLE engagement_windows (
  campaign_id varchar(64) NOT NULL,
  influencer_id varchar(64) NOT NULL,
  granularity varchar(16) NOT NULL,
  window_start timestamp NOT NULL,
  window_end timestamp NOT NULL,
  is_final boolean NOT NULL,
  clicks bigint NOT NULL,
  unique_visitors bigint NOT NULL,
  bot_clicks bigint NOT NULL,
  conversion_count bigint NOT NULL,
  refunds bigint NOT NULL,
  revenue_minor bigint NOT NULL,
  commission_minor bigint NOT NULL,
  currency text,
  followers_delta bigint NOT NULL,
  views_delta bigint NOT NULL,
  likes_delta bigint NOT NULL,
  comments_delta bigint NOT NULL,
  shares_delta bigint NOT NULL,
  reach_delta bigint NOT NULL,
  engagement_rate double precision,
  updated_at timestamp NOT NULL,
  CONSTRAINT engagement_windows_pk PRIMARY KEY (campaign_id, influencer_id, granularity, window_start)
);

-- One report. Idempotency: a trigger id is unique (a redelivered trigger inserts nothing), and so is
-- (campaign, kind, period) for periodic and on-demand reports. Money is exact: cost is a decimal in
-- cost_currency (prices are configured per 1k tokens, so fractions of a cent are kept).
-- suggestions: [{"text": "...", "numbers": ["0.8", ...]}]; ungrounded_numbers: numbers the report
-- cites that no fact supports (empty when grounded).
CREATE TABLE ai_insights (
  id uuid NOT NULL,
  campaign_id uuid NOT NULL,
  trigger_id varchar(128),
  kind varchar(32) NOT NULL,
  period_start timestamp with time zone NOT NULL,
  period_end timestamp with time zone NOT NULL,
  provider varchar(16) NOT NULL,
  model varchar(128) NOT NULL,
  prompt_sha256 varchar(64) NOT NULL,
  summary text NOT NULL,
  suggestions jsonb NOT NULL,
  confidence numeric(4, 3) NOT NULL,
  grounded boolean NOT NULL,
  ungrounded_numbers jsonb NOT NULL,
  attempts integer NOT NULL,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  total_tokens bigint NOT NULL,
  cost numeric(18, 8) NOT NULL,
  cost_currency varchar(3) NOT NULL,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT ai_insights_pk PRIMARY KEY (id),
  CONSTRAINT ai_insights_campaign_fk FOREIGN KEY (campaign_id) REFERENCES campaigns (id),
  CONSTRAINT ai_insights_trigger_unique UNIQUE (trigger_id),
  CONSTRAINT ai_insights_period_unique UNIQUE (campaign_id, kind, period_start, period_end),
  CONSTRAINT ai_insights_kind_check CHECK (kind IN ('PERIODIC', 'ON_DEMAND', 'ENGAGEMENT_CONCENTRATION',
    'CLICK_SPIKE', 'CLICK_DROP', 'CONVERSION_RATE_DROP', 'BUDGET_PACING', 'CAMPAIGN_ENDING', 'PROMO_CODE_LEAK')),
  CONSTRAINT ai_insights_provider_check CHECK (provider IN ('BUILTIN', 'OPENAI', 'ANTHROPIC')),
  CONSTRAINT ai_insights_confidence_check CHECK (confidence BETWEEN 0 AND 1),
  CONSTRAINT ai_insights_tokens_check CHECK (input_tokens >= 0 AND output_tokens >= 0 AND total_tokens >= 0),
  CONSTRAINT ai_insights_cost_check CHECK (cost >= 0)
);
CREATE INDEX ai_insights_campaign_idx ON ai_insights (campaign_id, created_at);
CREATE INDEX ai_insights_created_idx ON ai_insights (created_at);
