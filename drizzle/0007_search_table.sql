CREATE TABLE "stocktaking_entries_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stocktaking_search" (
	"entry_id" bigint PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"submitter_id" bigint,
	"search_vector" "tsvector",
	"title_vector" "tsvector"
);
--> statement-breakpoint
DROP INDEX "stocktaking_entries_search_idx";--> statement-breakpoint
DROP INDEX "stocktaking_entries_trgm_idx";--> statement-breakpoint
ALTER TABLE "stocktaking_search" ADD CONSTRAINT "stocktaking_search_entry_id_stocktaking_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."stocktaking_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "stocktaking_entries_version" ("id", "version") VALUES (1, 0);--> statement-breakpoint
-- The narrow search rows of the entries already there (before the index: one bulk build).
INSERT INTO "stocktaking_search" ("entry_id", "state", "submitter_id", "search_vector", "title_vector") SELECT "id", "state", "submitter_id", "search_vector", "title_vector" FROM "stocktaking_entries";--> statement-breakpoint
CREATE INDEX "stocktaking_search_vector_idx" ON "stocktaking_search" USING gin ("search_vector");--> statement-breakpoint
-- Keeps stocktaking_search in step with stocktaking_entries: the commands compute the vectors
-- (Chinese is segmented in Node), this only copies them with who may see the entry.
CREATE FUNCTION "stocktaking_search_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "stocktaking_search" ("entry_id", "state", "submitter_id", "search_vector", "title_vector")
  VALUES (NEW."id", NEW."state", NEW."submitter_id", NEW."search_vector", NEW."title_vector")
  ON CONFLICT ("entry_id") DO UPDATE SET "state" = EXCLUDED."state", "submitter_id" = EXCLUDED."submitter_id",
    "search_vector" = EXCLUDED."search_vector", "title_vector" = EXCLUDED."title_vector";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "stocktaking_search_on_insert" AFTER INSERT ON "stocktaking_entries"
  FOR EACH ROW EXECUTE FUNCTION "stocktaking_search_sync"();--> statement-breakpoint
CREATE TRIGGER "stocktaking_search_on_update" AFTER UPDATE ON "stocktaking_entries"
  FOR EACH ROW WHEN (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."submitter_id" IS DISTINCT FROM NEW."submitter_id"
    OR OLD."search_vector" IS DISTINCT FROM NEW."search_vector" OR OLD."title_vector" IS DISTINCT FROM NEW."title_vector")
  EXECUTE FUNCTION "stocktaking_search_sync"();--> statement-breakpoint
-- Counts committed changes of the entries, once per transaction, at commit time (deferred): a
-- reader that sees version V sees every change up to V, and the row is locked only at the very
-- end of a writing transaction, after its other locks, so writers cannot deadlock on it.
CREATE FUNCTION "stocktaking_entries_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('wsis.entries_version_bumped', true) = txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('wsis.entries_version_bumped', txid_current()::text, true);
  UPDATE "stocktaking_entries_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "stocktaking_entries_changed" AFTER INSERT OR UPDATE OR DELETE ON "stocktaking_entries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "stocktaking_entries_bump_version"();
