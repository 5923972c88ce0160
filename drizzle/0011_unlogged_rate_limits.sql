-- Rate-limit counters are throwaway state: a window that restarts after a crash of the database
-- costs nothing, while writing them to the WAL cost four of the sixteen WAL records of every
-- vote (a heap row and an index entry per address and per account) and full-page images of
-- their pages after each checkpoint. Unlogged, they are still shared by every app process; they
-- are emptied by crash recovery and are not copied to standbys (a failover starts the windows
-- again).
ALTER TABLE "core_rate_limits" SET UNLOGGED;
