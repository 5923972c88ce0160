CREATE TABLE "stocktaking_entry_changes" (
	"version" bigint NOT NULL,
	"entry_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stocktaking_entry_changes_version_idx" ON "stocktaking_entry_changes" USING btree ("version");--> statement-breakpoint
-- The version bump of migration 0007 now also logs which entries each version changed: the first
-- row of a writing transaction bumps the counter (at commit, so versions commit in order: a second
-- writer waits for the counter row) and every row logs its entry under that version.
CREATE OR REPLACE FUNCTION "stocktaking_entries_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  IF current_setting('wsis.entries_version_bumped', true) = txid_current()::text THEN
    v := current_setting('wsis.entries_version', true)::bigint;
  ELSE
    UPDATE "stocktaking_entries_version" SET "version" = "version" + 1 WHERE "id" = 1 RETURNING "version" INTO v;
    PERFORM set_config('wsis.entries_version_bumped', txid_current()::text, true);
    PERFORM set_config('wsis.entries_version', v::text, true);
    DELETE FROM "stocktaking_entry_changes" WHERE "version" <= v - 1000;
  END IF;
  INSERT INTO "stocktaking_entry_changes" ("version", "entry_id") VALUES (v, CASE WHEN TG_OP = 'DELETE' THEN OLD."id" ELSE NEW."id" END);
  RETURN NULL;
END $$;
