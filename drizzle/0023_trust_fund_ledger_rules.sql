-- The Trust Fund ledger is append-only and double-entry (src/modules/trust-fund/README.md).
-- Posted entries and lines are never changed or removed: a correction is a reversing entry.
-- `wsis restore` replaces every row with ALTER TABLE … DISABLE TRIGGER (table owner only) before
-- its TRUNCATE, in its own transaction; nothing else may switch these triggers off.
CREATE FUNCTION trust_fund_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the Trust Fund ledger is append-only: % on % refused (post a reversal instead)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001', HINT = 'trust-fund.append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER trust_fund_entries_append_only BEFORE UPDATE OR DELETE ON trust_fund_entries FOR EACH ROW EXECUTE FUNCTION trust_fund_refuse_change();
--> statement-breakpoint
CREATE TRIGGER trust_fund_entries_no_truncate BEFORE TRUNCATE ON trust_fund_entries FOR EACH STATEMENT EXECUTE FUNCTION trust_fund_refuse_change();
--> statement-breakpoint
CREATE TRIGGER trust_fund_lines_append_only BEFORE UPDATE OR DELETE ON trust_fund_lines FOR EACH ROW EXECUTE FUNCTION trust_fund_refuse_change();
--> statement-breakpoint
CREATE TRIGGER trust_fund_lines_no_truncate BEFORE TRUNCATE ON trust_fund_lines FOR EACH STATEMENT EXECUTE FUNCTION trust_fund_refuse_change();
--> statement-breakpoint
-- At commit, every entry that received lines in the transaction must have lines summing to zero
-- (and at least two of them). Deferred, so the lines of one entry may be inserted one by one.
CREATE FUNCTION trust_fund_check_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
  lines integer;
BEGIN
  SELECT coalesce(sum(amount_chf), 0), count(*) INTO total, lines FROM trust_fund_lines WHERE entry_id = NEW.entry_id;
  IF total <> 0 OR lines < 2 THEN
    RAISE EXCEPTION 'the lines of Trust Fund entry % do not balance (sum %, % lines)', NEW.entry_id, total, lines
      USING ERRCODE = 'P0001', HINT = 'trust-fund.unbalanced';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER trust_fund_lines_balanced AFTER INSERT ON trust_fund_lines DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION trust_fund_check_balanced();
--> statement-breakpoint
-- Balances are sums of lines at every request: covering indexes let a period's or an account's
-- sum read the index alone (drizzle-kit cannot declare INCLUDE, so they live here).
CREATE INDEX trust_fund_lines_period_cover_idx ON trust_fund_lines (value_date, account) INCLUDE (amount_chf, donor_id, task_id);
--> statement-breakpoint
CREATE INDEX trust_fund_lines_account_cover_idx ON trust_fund_lines (account, value_date) INCLUDE (amount_chf, donor_id, task_id);
