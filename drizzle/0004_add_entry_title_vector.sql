ALTER TABLE "stocktaking_entries" ADD COLUMN "title_vector" "tsvector";--> statement-breakpoint
-- The titles' lexemes are the weight-A part of search_vector (titles come first, so even the
-- positions are the same as the commands compute them).
UPDATE "stocktaking_entries" SET "title_vector" = ts_filter(coalesce("search_vector", ''::tsvector), '{a}');
