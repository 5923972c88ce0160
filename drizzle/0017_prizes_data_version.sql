CREATE TABLE "prizes_data_version" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "prizes_data_version" ("id", "version") VALUES (1, 1);--> statement-breakpoint
-- Counts committed changes of what the success stories are printed from, once per writing
-- transaction, at commit (deferred), like reference_data_version: a reader that sees version V sees
-- every change up to V. Votes, scores and experts are not counted (the stories do not show them).
CREATE FUNCTION "prizes_data_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('wsis.prizes_version_bumped', true) = txid_current()::text THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('wsis.prizes_version_bumped', txid_current()::text, true);
  UPDATE "prizes_data_version" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "prizes_editions_changed" AFTER INSERT OR UPDATE OR DELETE ON "prizes_editions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "prizes_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "prizes_categories_changed" AFTER INSERT OR UPDATE OR DELETE ON "prizes_categories"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "prizes_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "prizes_nominations_changed" AFTER INSERT OR UPDATE OR DELETE ON "prizes_nominations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "prizes_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "prizes_results_changed" AFTER INSERT OR UPDATE OR DELETE ON "prizes_results"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "prizes_data_bump_version"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "prizes_organizations_changed" AFTER INSERT OR UPDATE OR DELETE ON "accounts_organizations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "prizes_data_bump_version"();
