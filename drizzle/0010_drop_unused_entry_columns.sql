DROP INDEX "stocktaking_entries_title_trgm_idx";--> statement-breakpoint
ALTER TABLE "stocktaking_entries" DROP COLUMN "badges";--> statement-breakpoint
ALTER TABLE "stocktaking_entries" DROP COLUMN "search_text";