CREATE TABLE "roadmaps_focal_points" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmaps_focal_points_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"action_line" text NOT NULL,
	"bureau" text NOT NULL,
	"appointed_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmaps_focal_points_dates" CHECK ("roadmaps_focal_points"."ended_on" is null or "roadmaps_focal_points"."ended_on" >= "roadmaps_focal_points"."appointed_on")
);
--> statement-breakpoint
CREATE TABLE "roadmaps_plan_outputs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmaps_plan_outputs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"title" jsonb NOT NULL,
	"bureau" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmaps_plan_outputs_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "roadmaps_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmaps_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"roadmap_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"itu_role" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"objectives" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"expected_results" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"partner_organization_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"sdg_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"connect_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"presented_symbol" text,
	"presented_at" timestamp with time zone,
	"current_since" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmaps_versions_presented_symbol" CHECK ("roadmaps_versions"."status" = 'draft' or "roadmaps_versions"."presented_symbol" is not null)
);
--> statement-breakpoint
CREATE TABLE "roadmaps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmaps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"action_line" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmaps_actionLine_unique" UNIQUE("action_line")
);
--> statement-breakpoint
CREATE TABLE "roadmaps_task_evidence" (
	"task_id" bigint NOT NULL,
	"entry_id" bigint NOT NULL,
	"added_by" bigint,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmaps_task_evidence_task_id_entry_id_pk" PRIMARY KEY("task_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "roadmaps_task_updates" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmaps_task_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint NOT NULL,
	"reported_on" date NOT NULL,
	"status" text NOT NULL,
	"text" text NOT NULL,
	"locale" text NOT NULL,
	"author_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmaps_tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmaps_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"roadmap_id" bigint NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner_bureau" text NOT NULL,
	"owner_user_id" bigint,
	"starts_on" date NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'not-started' NOT NULL,
	"output_id" bigint,
	"sdg_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"connect_targets" text[] DEFAULT '{}'::text[] NOT NULL,
	"last_update_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmaps_tasks_dates_ordered" CHECK ("roadmaps_tasks"."starts_on" <= "roadmaps_tasks"."deadline")
);
--> statement-breakpoint
ALTER TABLE "roadmaps_focal_points" ADD CONSTRAINT "roadmaps_focal_points_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_versions" ADD CONSTRAINT "roadmaps_versions_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_versions" ADD CONSTRAINT "roadmaps_versions_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_task_evidence" ADD CONSTRAINT "roadmaps_task_evidence_task_id_roadmaps_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."roadmaps_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_task_evidence" ADD CONSTRAINT "roadmaps_task_evidence_added_by_auth_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_task_updates" ADD CONSTRAINT "roadmaps_task_updates_task_id_roadmaps_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."roadmaps_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_task_updates" ADD CONSTRAINT "roadmaps_task_updates_author_id_auth_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_tasks" ADD CONSTRAINT "roadmaps_tasks_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_tasks" ADD CONSTRAINT "roadmaps_tasks_owner_user_id_auth_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_tasks" ADD CONSTRAINT "roadmaps_tasks_output_id_roadmaps_plan_outputs_id_fk" FOREIGN KEY ("output_id") REFERENCES "public"."roadmaps_plan_outputs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps_tasks" ADD CONSTRAINT "roadmaps_tasks_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roadmaps_focal_points_line_idx" ON "roadmaps_focal_points" USING btree ("action_line");--> statement-breakpoint
CREATE INDEX "roadmaps_focal_points_user_idx" ON "roadmaps_focal_points" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmaps_focal_points_serving_idx" ON "roadmaps_focal_points" USING btree ("user_id","action_line") WHERE "roadmaps_focal_points"."ended_on" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "roadmaps_versions_number_idx" ON "roadmaps_versions" USING btree ("roadmap_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmaps_versions_current_idx" ON "roadmaps_versions" USING btree ("roadmap_id") WHERE "roadmaps_versions"."status" = 'current';--> statement-breakpoint
CREATE UNIQUE INDEX "roadmaps_versions_draft_idx" ON "roadmaps_versions" USING btree ("roadmap_id") WHERE "roadmaps_versions"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "roadmaps_task_updates_task_idx" ON "roadmaps_task_updates" USING btree ("task_id","created_at");--> statement-breakpoint
CREATE INDEX "roadmaps_tasks_roadmap_idx" ON "roadmaps_tasks" USING btree ("roadmap_id","deadline");--> statement-breakpoint
CREATE INDEX "roadmaps_tasks_owner_idx" ON "roadmaps_tasks" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "roadmaps_tasks_open_deadline_idx" ON "roadmaps_tasks" USING btree ("deadline") WHERE "roadmaps_tasks"."status" not in ('done', 'cancelled');--> statement-breakpoint
CREATE INDEX "roadmaps_tasks_open_updated_idx" ON "roadmaps_tasks" USING btree ("last_update_at") WHERE "roadmaps_tasks"."status" not in ('done', 'cancelled');--> statement-breakpoint
CREATE INDEX "roadmaps_tasks_sdg_targets_idx" ON "roadmaps_tasks" USING gin ("sdg_targets");