CREATE TABLE "stocktaking_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- The words of the titles already published (before the index: one bulk build).
INSERT INTO "stocktaking_words" ("word")
  SELECT DISTINCT w."lexeme" FROM "stocktaking_entries" e, unnest(to_tsvector('simple', e."title_text")) w
  WHERE e."state" = 'published' AND char_length(w."lexeme") BETWEEN 3 AND 40
  ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE INDEX "stocktaking_words_trgm_idx" ON "stocktaking_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- Adds the words of a title when its entry is published or its published title changes.
CREATE FUNCTION "stocktaking_words_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "stocktaking_words" ("word")
    SELECT DISTINCT w."lexeme" FROM unnest(to_tsvector('simple', NEW."title_text")) w
    WHERE char_length(w."lexeme") BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "stocktaking_words_on_insert" AFTER INSERT ON "stocktaking_entries"
  FOR EACH ROW WHEN (NEW."state" = 'published') EXECUTE FUNCTION "stocktaking_words_add"();--> statement-breakpoint
CREATE TRIGGER "stocktaking_words_on_update" AFTER UPDATE ON "stocktaking_entries"
  FOR EACH ROW WHEN (NEW."state" = 'published' AND (OLD."state" IS DISTINCT FROM NEW."state" OR OLD."title_text" IS DISTINCT FROM NEW."title_text"))
  EXECUTE FUNCTION "stocktaking_words_add"();
