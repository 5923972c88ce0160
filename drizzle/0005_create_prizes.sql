CREATE TABLE "prizes_categories" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "prizes_categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"edition_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"action_line" text NOT NULL,
	"title" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prizes_conflicts" (
	"nomination_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"note" text,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prizes_editions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "prizes_editions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"submission_start" timestamp with time zone NOT NULL,
	"submission_end" timestamp with time zone NOT NULL,
	"validation_start" timestamp with time zone NOT NULL,
	"validation_end" timestamp with time zone NOT NULL,
	"voting_start" timestamp with time zone NOT NULL,
	"voting_end" timestamp with time zone NOT NULL,
	"selection_start" timestamp with time zone NOT NULL,
	"selection_end" timestamp with time zone NOT NULL,
	"announcement_start" timestamp with time zone NOT NULL,
	"announcement_end" timestamp with time zone NOT NULL,
	"rules" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"categories_per_project" integer DEFAULT 1 NOT NULL,
	"projects_per_organization_per_category" integer DEFAULT 1 NOT NULL,
	"exclude_past_winners" boolean DEFAULT true NOT NULL,
	"summary_min_words" integer DEFAULT 150 NOT NULL,
	"summary_max_words" integer DEFAULT 200 NOT NULL,
	"allowed_languages" text[] DEFAULT '{ar,en,es,fr,ru,zh}'::text[] NOT NULL,
	"valid_vote" jsonb DEFAULT '{"accountCreatedBeforeVoting":true,"allCategoriesRequired":false}'::jsonb NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"criteria" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"counts_public_during_voting" boolean DEFAULT false NOT NULL,
	"nominees_published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prizes_editions_phases_ordered" CHECK ("prizes_editions"."submission_start" < "prizes_editions"."submission_end" and "prizes_editions"."submission_end" <= "prizes_editions"."validation_start" and "prizes_editions"."validation_start" < "prizes_editions"."validation_end" and "prizes_editions"."validation_end" <= "prizes_editions"."voting_start" and "prizes_editions"."voting_start" < "prizes_editions"."voting_end" and "prizes_editions"."voting_end" <= "prizes_editions"."selection_start" and "prizes_editions"."selection_start" < "prizes_editions"."selection_end" and "prizes_editions"."selection_end" <= "prizes_editions"."announcement_start" and "prizes_editions"."announcement_start" < "prizes_editions"."announcement_end")
);
--> statement-breakpoint
CREATE TABLE "prizes_experts" (
	"edition_id" bigint NOT NULL,
	"category_number" integer NOT NULL,
	"user_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prizes_nominations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "prizes_nominations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"edition_id" bigint NOT NULL,
	"category_number" integer NOT NULL,
	"entry_id" bigint NOT NULL,
	"organization_id" bigint,
	"submitter_id" bigint,
	"state" text DEFAULT 'submitted' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reason" text,
	"decided_by" bigint,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prizes_results" (
	"edition_id" bigint NOT NULL,
	"category_number" integer NOT NULL,
	"nomination_id" bigint NOT NULL,
	"rank" text NOT NULL,
	"confirmed_by" bigint,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prizes_scores" (
	"nomination_id" bigint NOT NULL,
	"expert_id" bigint NOT NULL,
	"criteria" jsonb NOT NULL,
	"total" numeric(8, 3) NOT NULL,
	"comment" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prizes_votes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "prizes_votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"edition_id" bigint NOT NULL,
	"category_number" integer NOT NULL,
	"nomination_id" bigint NOT NULL,
	"voter_id" bigint NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"network" text,
	"invalidated_at" timestamp with time zone,
	"invalidated_by" bigint,
	"invalid_reason" text
);
--> statement-breakpoint
ALTER TABLE "prizes_categories" ADD CONSTRAINT "prizes_categories_edition_id_prizes_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."prizes_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_conflicts" ADD CONSTRAINT "prizes_conflicts_nomination_id_prizes_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prizes_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_conflicts" ADD CONSTRAINT "prizes_conflicts_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_experts" ADD CONSTRAINT "prizes_experts_edition_id_prizes_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."prizes_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_experts" ADD CONSTRAINT "prizes_experts_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_nominations" ADD CONSTRAINT "prizes_nominations_edition_id_prizes_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."prizes_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_nominations" ADD CONSTRAINT "prizes_nominations_submitter_id_auth_users_id_fk" FOREIGN KEY ("submitter_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_nominations" ADD CONSTRAINT "prizes_nominations_decided_by_auth_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_results" ADD CONSTRAINT "prizes_results_edition_id_prizes_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."prizes_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_results" ADD CONSTRAINT "prizes_results_nomination_id_prizes_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prizes_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_results" ADD CONSTRAINT "prizes_results_confirmed_by_auth_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_scores" ADD CONSTRAINT "prizes_scores_nomination_id_prizes_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prizes_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_scores" ADD CONSTRAINT "prizes_scores_expert_id_auth_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_votes" ADD CONSTRAINT "prizes_votes_edition_id_prizes_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."prizes_editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_votes" ADD CONSTRAINT "prizes_votes_nomination_id_prizes_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prizes_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_votes" ADD CONSTRAINT "prizes_votes_voter_id_auth_users_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes_votes" ADD CONSTRAINT "prizes_votes_invalidated_by_auth_users_id_fk" FOREIGN KEY ("invalidated_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_categories_edition_number_idx" ON "prizes_categories" USING btree ("edition_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_conflicts_idx" ON "prizes_conflicts" USING btree ("nomination_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_editions_year_idx" ON "prizes_editions" USING btree ("year");--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_experts_idx" ON "prizes_experts" USING btree ("edition_id","category_number","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_nominations_entry_category_idx" ON "prizes_nominations" USING btree ("edition_id","category_number","entry_id");--> statement-breakpoint
CREATE INDEX "prizes_nominations_edition_state_idx" ON "prizes_nominations" USING btree ("edition_id","state","category_number");--> statement-breakpoint
CREATE INDEX "prizes_nominations_entry_idx" ON "prizes_nominations" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_results_nomination_idx" ON "prizes_results" USING btree ("nomination_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_results_one_winner_idx" ON "prizes_results" USING btree ("edition_id","category_number") WHERE "prizes_results"."rank" = 'winner';--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_scores_idx" ON "prizes_scores" USING btree ("nomination_id","expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prizes_votes_one_per_category_idx" ON "prizes_votes" USING btree ("edition_id","category_number","voter_id");--> statement-breakpoint
CREATE INDEX "prizes_votes_nomination_idx" ON "prizes_votes" USING btree ("nomination_id");--> statement-breakpoint
CREATE INDEX "prizes_votes_network_idx" ON "prizes_votes" USING btree ("edition_id","network","cast_at");