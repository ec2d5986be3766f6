-- Facebook login for influencers: the app-scoped user id Facebook's Graph API returns from /me.
ALTER TABLE users ADD COLUMN facebook_subject varchar(255);
ALTER TABLE users ADD CONSTRAINT users_facebook_subject_unique UNIQUE (facebook_subject);
