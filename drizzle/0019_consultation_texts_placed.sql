CREATE TABLE "consultations_results_versions" (
	"consultation_id" bigint NOT NULL,
	"shard" smallint NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "consultations_results_versions_consultation_id_shard_pk" PRIMARY KEY("consultation_id","shard")
);
--> statement-breakpoint
ALTER TABLE "consultations_campaigns" ADD COLUMN "is_stale" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "consultations_texts" ADD COLUMN "placed_at" timestamp with time zone;--> statement-breakpoint
-- Texts written before this migration were placed in the submission's transaction.
UPDATE "consultations_texts" SET "placed_at" = now();--> statement-breakpoint
CREATE INDEX "consultations_campaigns_stale_idx" ON "consultations_campaigns" USING btree ("consultation_id","question_id") WHERE "consultations_campaigns"."is_stale";--> statement-breakpoint
CREATE INDEX "consultations_texts_unplaced_idx" ON "consultations_texts" USING btree ("consultation_id","question_id","answer_id") WHERE "consultations_texts"."placed_at" is null;--> statement-breakpoint
-- The results' version of a consultation: bumped once per writing transaction and consultation, at
-- commit (deferred), like prizes_data_version; on one of 16 shards (the transaction id modulo 16),
-- so that submissions to one consultation do not queue on one row at commit. A reader that sees the
-- sum S sees every change counted in S.
CREATE FUNCTION "consultations_results_bump"(cid bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  flag text := 'wsis.consultation_results_' || cid;
BEGIN
  IF cid IS NULL OR current_setting(flag, true) = txid_current()::text THEN
    RETURN;
  END IF;
  PERFORM set_config(flag, txid_current()::text, true);
  INSERT INTO "consultations_results_versions" AS v ("consultation_id", "shard", "version")
    VALUES (cid, (txid_current() % 16)::smallint, 1)
    ON CONFLICT ("consultation_id", "shard") DO UPDATE SET "version" = v."version" + 1;
END $$;--> statement-breakpoint
CREATE FUNCTION "consultations_results_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    PERFORM "consultations_results_bump"(NEW."consultation_id");
  END IF;
  IF TG_OP <> 'INSERT' THEN
    PERFORM "consultations_results_bump"(OLD."consultation_id");
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Drafts are not in the results: only a submitted answer (before or after the change) counts.
CREATE FUNCTION "consultations_results_answer_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' AND NEW."status" = 'submitted' THEN
    PERFORM "consultations_results_bump"(NEW."consultation_id");
  END IF;
  IF TG_OP <> 'INSERT' AND OLD."status" = 'submitted' THEN
    PERFORM "consultations_results_bump"(OLD."consultation_id");
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "consultations_results_consultation_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "consultations_results_bump"(NEW."id");
  RETURN NULL;
END $$;--> statement-breakpoint
-- A coding row names its theme only; a theme deleted with its codings bumps by itself.
CREATE FUNCTION "consultations_results_coding_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "consultations_results_bump"((SELECT "consultation_id" FROM "consultations_themes"
    WHERE "id" = CASE WHEN TG_OP = 'DELETE' THEN OLD."theme_id" ELSE NEW."theme_id" END));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "consultations_results_consultation" AFTER INSERT OR UPDATE ON "consultations"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "consultations_results_consultation_changed"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "consultations_results_versions" AFTER INSERT OR UPDATE OR DELETE ON "consultations_versions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "consultations_results_changed"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "consultations_results_answers" AFTER INSERT OR UPDATE OR DELETE ON "consultations_answers"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "consultations_results_answer_changed"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "consultations_results_texts" AFTER INSERT OR UPDATE OR DELETE ON "consultations_texts"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "consultations_results_changed"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "consultations_results_campaigns" AFTER INSERT OR UPDATE OR DELETE ON "consultations_campaigns"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "consultations_results_changed"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "consultations_results_themes" AFTER INSERT OR UPDATE OR DELETE ON "consultations_themes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "consultations_results_changed"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "consultations_results_codings" AFTER INSERT OR UPDATE OR DELETE ON "consultations_answer_themes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "consultations_results_coding_changed"();
