ALTER TABLE "stocktaking_entries" ADD COLUMN "title_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- The same text as search.ts titleText(): the non-empty titles in the order ar, en, es, fr, ru, zh.
UPDATE "stocktaking_entries" SET "title_text" = concat_ws(' ', nullif(btrim("title"->>'ar'), ''), nullif(btrim("title"->>'en'), ''), nullif(btrim("title"->>'es'), ''), nullif(btrim("title"->>'fr'), ''), nullif(btrim("title"->>'ru'), ''), nullif(btrim("title"->>'zh'), ''));--> statement-breakpoint
CREATE INDEX "stocktaking_entries_title_trgm_idx" ON "stocktaking_entries" USING gin ("title_text" gin_trgm_ops);
