ALTER TABLE "stocktaking_entries" ADD COLUMN "outdated_languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "stocktaking_events" ADD COLUMN "content" jsonb;