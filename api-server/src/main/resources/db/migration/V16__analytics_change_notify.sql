-- Live dashboard: every write to the result tables announces its campaign on the channel
-- `analytics_changed` (payload: the campaign id), so the api-server learns of changes from one
-- LISTEN connection instead of polling per connected browser (io.influmeter.api.live.ChangeFeed).
-- Why a trigger rather than polling max(updated_at): updated_at is set by the stream jobs, not by
-- the database, and the exactly-once sinks publish rows at checkpoints, seconds after that time
-- and in any order, so "rows newer than the last seen updated_at" misses rows; a trigger fires on
-- the write itself, whatever the row says. NOTIFY is delivered at commit (nothing for rolled-back
-- writes) and PostgreSQL folds identical (channel, payload) pairs of one transaction into one, so a
-- sink batch of many rows of one campaign costs one message. Rows without a campaign (orders that
-- matched none, campaign_id NULL) and the per-influencer overall rows (campaign_id '*') notify
-- nothing. jOOQ's DDLDatabase (H2) does not parse PL/pgSQL and needs no functions: ignored.
/* [jooq ignore start] */
CREATE FUNCTION notify_analytics_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  campaign varchar;
BEGIN
  IF TG_OP = 'DELETE' THEN
    campaign := OLD.campaign_id;
  ELSE
    campaign := NEW.campaign_id;
  END IF;
  IF campaign IS NOT NULL AND campaign <> '*' THEN
    PERFORM pg_notify('analytics_changed', campaign);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER attributions_notify_changed
  AFTER INSERT OR UPDATE OR DELETE ON attributions
  FOR EACH ROW EXECUTE FUNCTION notify_analytics_changed();

CREATE TRIGGER engagement_windows_notify_changed
  AFTER INSERT OR UPDATE OR DELETE ON engagement_windows
  FOR EACH ROW EXECUTE FUNCTION notify_analytics_changed();
/* [jooq ignore stop] */
