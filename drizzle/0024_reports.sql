CREATE TABLE "reports_builds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_builds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"version_id" bigint NOT NULL,
	"locales" text[] NOT NULL,
	"formats" text[] NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"error" jsonb,
	"requested_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reports_comments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"version_id" bigint NOT NULL,
	"section_id" text NOT NULL,
	"paragraph" integer NOT NULL,
	"locale" text NOT NULL,
	"parent_id" bigint,
	"author_id" bigint,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports_outputs" (
	"version_id" bigint NOT NULL,
	"locale" text NOT NULL,
	"format" text NOT NULL,
	"file_sha256" text NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_outputs_version_id_locale_format_pk" PRIMARY KEY("version_id","locale","format")
);
--> statement-breakpoint
CREATE TABLE "reports_snapshots" (
	"version_id" bigint NOT NULL,
	"locale" text NOT NULL,
	"front" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_snapshots_version_id_locale_pk" PRIMARY KEY("version_id","locale")
);
--> statement-breakpoint
CREATE TABLE "reports_templates" (
	"key" text PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"hlpf_goals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"report_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"state" text NOT NULL,
	"narratives" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"final" boolean DEFAULT false NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"template_key" text NOT NULL,
	"year" integer NOT NULL,
	"title" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"symbol" text,
	"original_language" text DEFAULT 'en' NOT NULL,
	"distribution" text DEFAULT 'general' NOT NULL,
	"cutoff" date NOT NULL,
	"deadline" date,
	"owner_id" bigint,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finalized_at" timestamp with time zone,
	CONSTRAINT "reports_year_check" CHECK ("reports"."year" between 2003 and 2100)
);
--> statement-breakpoint
ALTER TABLE "reports_builds" ADD CONSTRAINT "reports_builds_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_builds" ADD CONSTRAINT "reports_builds_version_id_reports_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."reports_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_builds" ADD CONSTRAINT "reports_builds_requested_by_auth_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_comments" ADD CONSTRAINT "reports_comments_version_id_reports_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."reports_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_comments" ADD CONSTRAINT "reports_comments_author_id_auth_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_outputs" ADD CONSTRAINT "reports_outputs_version_id_reports_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."reports_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_outputs" ADD CONSTRAINT "reports_outputs_file_sha256_core_files_sha256_fk" FOREIGN KEY ("file_sha256") REFERENCES "public"."core_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_snapshots" ADD CONSTRAINT "reports_snapshots_version_id_reports_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."reports_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_templates" ADD CONSTRAINT "reports_templates_updated_by_auth_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_versions" ADD CONSTRAINT "reports_versions_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports_versions" ADD CONSTRAINT "reports_versions_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_template_key_reports_templates_key_fk" FOREIGN KEY ("template_key") REFERENCES "public"."reports_templates"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_owner_id_auth_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reports_builds_report_idx" ON "reports_builds" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_comments_version_idx" ON "reports_comments" USING btree ("version_id","section_id","paragraph");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_versions_number_idx" ON "reports_versions" USING btree ("report_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_versions_final_idx" ON "reports_versions" USING btree ("report_id") WHERE "reports_versions"."final";--> statement-breakpoint
CREATE UNIQUE INDEX "reports_template_year_idx" ON "reports" USING btree ("template_key","year");--> statement-breakpoint
CREATE INDEX "reports_deadline_idx" ON "reports" USING btree ("deadline");