CREATE TABLE "reference_data_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "reference_data_version" ("id", "version") VALUES (1, 1);--> statement-breakpoint
-- Counts committed changes of the reference data (seed, admin pages), once per writing transaction,
-- at commit (deferred), like stocktaking_entries_version: a reader that sees version V sees every
-- change up to V, and writers lock the row only at the very end, after their other locks. The seed
-- rewrites only rows that changed, so a start with the same data does not move the version.
CREATE FUNCTION "reference_data_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('wsis.reference_version_bumped', true) = txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('wsis.reference_version_bumped', txid_current()::text, true);
  UPDATE "reference_data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_action_lines_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_action_lines"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_sdgs_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_sdgs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_sdg_targets_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_sdg_targets"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_matrix_links_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_matrix_links"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_prize_categories_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_prize_categories"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_connect2030_goals_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_connect2030_goals"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_connect2030_targets_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_connect2030_targets"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_regions_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_regions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "reference_countries_changed" AFTER INSERT OR UPDATE OR DELETE ON "reference_countries"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "reference_data_bump_version"();
