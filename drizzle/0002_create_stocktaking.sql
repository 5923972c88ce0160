CREATE TABLE "stocktaking_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktaking_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"state" text DEFAULT 'draft' NOT NULL,
	"submitter_id" bigint,
	"organization_id" bigint,
	"original_language" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"impact" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"partners" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"stakeholder_type" text NOT NULL,
	"lead_country" text NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"region" text,
	"scope" text NOT NULL,
	"action_lines" text[] NOT NULL,
	"sdgs" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"sdg_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"project_status" text NOT NULL,
	"start_date" date,
	"end_date" date,
	"website" text,
	"contact_name" text,
	"contact_email" text,
	"badges" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_vector" "tsvector",
	"search_text" text DEFAULT '' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_year" integer
);
--> statement-breakpoint
CREATE TABLE "stocktaking_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktaking_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" bigint,
	"kind" text NOT NULL,
	"comment" text,
	"revision_id" bigint
);
--> statement-breakpoint
CREATE TABLE "stocktaking_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktaking_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"content" jsonb NOT NULL,
	"author_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"comment" text
);
--> statement-breakpoint
ALTER TABLE "stocktaking_entries" ADD CONSTRAINT "stocktaking_entries_submitter_id_auth_users_id_fk" FOREIGN KEY ("submitter_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktaking_events" ADD CONSTRAINT "stocktaking_events_entry_id_stocktaking_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."stocktaking_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktaking_events" ADD CONSTRAINT "stocktaking_events_actor_id_auth_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktaking_revisions" ADD CONSTRAINT "stocktaking_revisions_entry_id_stocktaking_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."stocktaking_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktaking_revisions" ADD CONSTRAINT "stocktaking_revisions_author_id_auth_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktaking_revisions" ADD CONSTRAINT "stocktaking_revisions_decided_by_auth_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stocktaking_entries_state_published_idx" ON "stocktaking_entries" USING btree ("state","published_at");--> statement-breakpoint
CREATE INDEX "stocktaking_entries_search_idx" ON "stocktaking_entries" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "stocktaking_entries_trgm_idx" ON "stocktaking_entries" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "stocktaking_entries_action_lines_idx" ON "stocktaking_entries" USING gin ("action_lines");--> statement-breakpoint
CREATE INDEX "stocktaking_entries_sdgs_idx" ON "stocktaking_entries" USING gin ("sdgs");--> statement-breakpoint
CREATE INDEX "stocktaking_entries_target_groups_idx" ON "stocktaking_entries" USING gin ("target_groups");--> statement-breakpoint
CREATE INDEX "stocktaking_entries_countries_idx" ON "stocktaking_entries" USING gin ("countries");--> statement-breakpoint
CREATE INDEX "stocktaking_entries_organization_idx" ON "stocktaking_entries" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "stocktaking_entries_submitter_idx" ON "stocktaking_entries" USING btree ("submitter_id");--> statement-breakpoint
CREATE INDEX "stocktaking_events_entry_idx" ON "stocktaking_events" USING btree ("entry_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktaking_revisions_entry_number_idx" ON "stocktaking_revisions" USING btree ("entry_id","number");