ALTER TABLE "reference_action_lines" ALTER COLUMN "itu_role" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_countries" ALTER COLUMN "region" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_action_lines" ADD COLUMN "short_confidence" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_action_lines" ADD COLUMN "facilitators_confidence" text;--> statement-breakpoint
ALTER TABLE "reference_action_lines" ADD COLUMN "notes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_connect2030_goals" ADD COLUMN "statement" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_connect2030_goals" ADD COLUMN "title_confidence" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_connect2030_goals" ADD COLUMN "statement_confidence" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_connect2030_goals" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "reference_connect2030_targets" ADD COLUMN "text_confidence" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_connect2030_targets" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "reference_countries" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "reference_matrix_links" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reference_prize_categories" ADD COLUMN "title_confidence" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_prize_categories" ADD COLUMN "sources" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_regions" ADD COLUMN "name_confidence" text;--> statement-breakpoint
ALTER TABLE "reference_sdgs" ADD COLUMN "source" text;--> statement-breakpoint
CREATE INDEX "reference_countries_region_idx" ON "reference_countries" USING btree ("region");