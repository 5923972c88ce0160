CREATE TABLE "consultations_answer_themes" (
	"answer_id" bigint NOT NULL,
	"question_id" text NOT NULL,
	"theme_id" bigint NOT NULL,
	"coded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_answer_themes_answer_id_question_id_theme_id_pk" PRIMARY KEY("answer_id","question_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "consultations_answers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"consultation_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"respondent" text NOT NULL,
	"user_id" bigint,
	"organization_id" bigint,
	"status" text DEFAULT 'draft' NOT NULL,
	"language" text NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"publish" boolean DEFAULT false NOT NULL,
	"stakeholder_type" text,
	"country" text,
	"region" text,
	"gender" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "consultations_attachments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_attachments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"answer_id" bigint NOT NULL,
	"question_id" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploader_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations_campaigns" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"consultation_id" bigint NOT NULL,
	"question_id" text NOT NULL,
	"representative_answer_id" bigint NOT NULL,
	"size" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"status" text DEFAULT 'draft' NOT NULL,
	"title" jsonb NOT NULL,
	"purpose" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"original_language" text NOT NULL,
	"translations" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"audience" text DEFAULT 'everyone' NOT NULL,
	"respondent_kind" text DEFAULT 'either' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"answers_may_be_published" boolean DEFAULT false NOT NULL,
	"action_lines" text[] DEFAULT '{}'::text[] NOT NULL,
	"sdgs" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"letter_number" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consultations_dates_ordered" CHECK ("consultations"."opens_at" < "consultations"."closes_at")
);
--> statement-breakpoint
CREATE TABLE "consultations_counters" (
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"value" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "consultations_counters_name_year_pk" PRIMARY KEY("name","year")
);
--> statement-breakpoint
CREATE TABLE "consultations_letter_sendings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_letter_sendings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"consultation_id" bigint NOT NULL,
	"recipients" integer NOT NULL,
	"sent_by" bigint,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations_syntheses" (
	"consultation_id" bigint PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"frozen_by" bigint,
	"frozen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations_texts" (
	"answer_id" bigint NOT NULL,
	"question_id" text NOT NULL,
	"consultation_id" bigint NOT NULL,
	"language" text NOT NULL,
	"body" text NOT NULL,
	"search" "tsvector" NOT NULL,
	"signature" integer[] NOT NULL,
	"campaign_id" bigint,
	CONSTRAINT "consultations_texts_answer_id_question_id_pk" PRIMARY KEY("answer_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "consultations_themes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_themes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"consultation_id" bigint NOT NULL,
	"label" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations_unsubscribes" (
	"email" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consultations_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "consultations_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"consultation_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"questionnaire" jsonb DEFAULT '{"sections":[]}'::jsonb NOT NULL,
	"change_note" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consultations_answer_themes" ADD CONSTRAINT "consultations_answer_themes_answer_id_consultations_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."consultations_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_answer_themes" ADD CONSTRAINT "consultations_answer_themes_theme_id_consultations_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."consultations_themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_answer_themes" ADD CONSTRAINT "consultations_answer_themes_coded_by_auth_users_id_fk" FOREIGN KEY ("coded_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_answers" ADD CONSTRAINT "consultations_answers_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_answers" ADD CONSTRAINT "consultations_answers_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_attachments" ADD CONSTRAINT "consultations_attachments_answer_id_consultations_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."consultations_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_attachments" ADD CONSTRAINT "consultations_attachments_uploader_id_auth_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_campaigns" ADD CONSTRAINT "consultations_campaigns_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations" ADD CONSTRAINT "consultations_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_letter_sendings" ADD CONSTRAINT "consultations_letter_sendings_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_letter_sendings" ADD CONSTRAINT "consultations_letter_sendings_sent_by_auth_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_syntheses" ADD CONSTRAINT "consultations_syntheses_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_syntheses" ADD CONSTRAINT "consultations_syntheses_frozen_by_auth_users_id_fk" FOREIGN KEY ("frozen_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_texts" ADD CONSTRAINT "consultations_texts_answer_id_consultations_answers_id_fk" FOREIGN KEY ("answer_id") REFERENCES "public"."consultations_answers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_texts" ADD CONSTRAINT "consultations_texts_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_texts" ADD CONSTRAINT "consultations_texts_campaign_id_consultations_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."consultations_campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_themes" ADD CONSTRAINT "consultations_themes_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_versions" ADD CONSTRAINT "consultations_versions_consultation_id_consultations_id_fk" FOREIGN KEY ("consultation_id") REFERENCES "public"."consultations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultations_versions" ADD CONSTRAINT "consultations_versions_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consultations_answer_themes_theme_idx" ON "consultations_answer_themes" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_answers_respondent_idx" ON "consultations_answers" USING btree ("consultation_id","respondent");--> statement-breakpoint
CREATE INDEX "consultations_answers_status_idx" ON "consultations_answers" USING btree ("consultation_id","status");--> statement-breakpoint
CREATE INDEX "consultations_answers_user_idx" ON "consultations_answers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "consultations_attachments_answer_idx" ON "consultations_attachments" USING btree ("answer_id");--> statement-breakpoint
CREATE INDEX "consultations_campaigns_question_idx" ON "consultations_campaigns" USING btree ("consultation_id","question_id");--> statement-breakpoint
CREATE INDEX "consultations_status_idx" ON "consultations" USING btree ("status","closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_letter_number_idx" ON "consultations" USING btree ("letter_number");--> statement-breakpoint
CREATE INDEX "consultations_letter_sendings_idx" ON "consultations_letter_sendings" USING btree ("consultation_id");--> statement-breakpoint
CREATE INDEX "consultations_texts_search_idx" ON "consultations_texts" USING gin ("search");--> statement-breakpoint
CREATE INDEX "consultations_texts_campaign_idx" ON "consultations_texts" USING btree ("consultation_id","question_id","campaign_id");--> statement-breakpoint
CREATE INDEX "consultations_themes_consultation_idx" ON "consultations_themes" USING btree ("consultation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consultations_versions_idx" ON "consultations_versions" USING btree ("consultation_id","version");