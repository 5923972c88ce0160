-- Rows written again in place, often and only in columns no index holds: an API token's last use
-- (on every vote by token), a session's last visit, a rate limit's count. Pages filled to 90% leave
-- room for the new version beside the old (a HOT update): no new entry in the table's indexes, and
-- none of the whole index pages written to the WAL after each checkpoint. Measured on the vote of
-- 1,000,000 bench voters: 3.6–3.7 kB of WAL per vote at 100% full, 2.8–3.0 kB at 90%
-- (docs/benchmarks.md, 2026-12-07). Pages already written keep their fill until rewritten.
ALTER TABLE "auth_api_tokens" SET (fillfactor = 90);--> statement-breakpoint
ALTER TABLE "auth_sessions" SET (fillfactor = 90);--> statement-breakpoint
ALTER TABLE "core_rate_limits" SET (fillfactor = 90);
