-- The ending-soon sweep stamps a campaign when it has queued the campaign's "ending soon" e-mails,
-- in the same transaction as the queued rows: the reminder goes out once per campaign, across
-- restarts and however many api-server instances sweep at the same time.
ALTER TABLE campaigns ADD COLUMN ending_soon_notified_at timestamp with time zone;
