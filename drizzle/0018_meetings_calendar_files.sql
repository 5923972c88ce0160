CREATE TABLE "core_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings_agenda_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_agenda_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"number" text NOT NULL,
	"position" integer NOT NULL,
	"title" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings_decision_documents" (
	"decision_id" bigint NOT NULL,
	"document_id" bigint NOT NULL,
	CONSTRAINT "meetings_decision_documents_decision_id_document_id_pk" PRIMARY KEY("decision_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "meetings_document_files" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_document_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_id" bigint NOT NULL,
	"locale" text NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"uploaded_by" bigint,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replaced_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meetings_decisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"text" jsonb NOT NULL,
	"agenda_item_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings_documents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"symbol" text,
	"series" text,
	"series_number" integer,
	"amends_id" bigint,
	"amendment_kind" text,
	"amendment_number" integer,
	"title" jsonb NOT NULL,
	"source_kind" text NOT NULL,
	"source_country" text,
	"source_organization_id" bigint,
	"source_name" text,
	"agenda_item_id" bigint,
	"original_language" text NOT NULL,
	"document_date" date NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"submitted_by" bigint,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"registered_by" bigint,
	"registered_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"status_note" text,
	"search_vector" "tsvector",
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_documents_symbol_when_registered" CHECK (("meetings_documents"."symbol" is null) = ("meetings_documents"."status" in ('submitted', 'rejected'))),
	CONSTRAINT "meetings_documents_amendment_complete" CHECK (("meetings_documents"."amends_id" is null) = ("meetings_documents"."amendment_kind" is null))
);
--> statement-breakpoint
CREATE TABLE "meetings_followers" (
	"meeting_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_followers_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meetings_groups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"deadline_days" integer DEFAULT 12 NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_groups_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"title" jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text DEFAULT 'Europe/Zurich' NOT NULL,
	"place" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"online_url" text,
	"chair" text,
	"vice_chairs" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"contributions_deadline" timestamp with time zone NOT NULL,
	"access" text DEFAULT 'public' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"action_lines" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meetings_dates_ordered" CHECK ("meetings"."starts_at" < "meetings"."ends_at"),
	CONSTRAINT "meetings_number_positive" CHECK ("meetings"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "meetings_symbol_counters" (
	"meeting_id" bigint NOT NULL,
	"series" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "meetings_symbol_counters_meeting_id_series_pk" PRIMARY KEY("meeting_id","series")
);
--> statement-breakpoint
CREATE TABLE "calendar_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "calendar_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"all_day" boolean DEFAULT true NOT NULL,
	"time_zone" text DEFAULT 'Europe/Zurich' NOT NULL,
	"location" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"href" text,
	"group" text,
	"action_lines" text[] DEFAULT '{}'::text[] NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_events_dates_ordered" CHECK ("calendar_events"."ends_at" is null or "calendar_events"."starts_at" < "calendar_events"."ends_at")
);
--> statement-breakpoint
ALTER TABLE "meetings_agenda_items" ADD CONSTRAINT "meetings_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_decision_documents" ADD CONSTRAINT "meetings_decision_documents_decision_id_meetings_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."meetings_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_decision_documents" ADD CONSTRAINT "meetings_decision_documents_document_id_meetings_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."meetings_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_document_files" ADD CONSTRAINT "meetings_document_files_document_id_meetings_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."meetings_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_document_files" ADD CONSTRAINT "meetings_document_files_sha256_core_files_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."core_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_document_files" ADD CONSTRAINT "meetings_document_files_uploaded_by_auth_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_decisions" ADD CONSTRAINT "meetings_decisions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_decisions" ADD CONSTRAINT "meetings_decisions_agenda_item_id_meetings_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."meetings_agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_documents" ADD CONSTRAINT "meetings_documents_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_documents" ADD CONSTRAINT "meetings_documents_agenda_item_id_meetings_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."meetings_agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_documents" ADD CONSTRAINT "meetings_documents_submitted_by_auth_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_documents" ADD CONSTRAINT "meetings_documents_registered_by_auth_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_followers" ADD CONSTRAINT "meetings_followers_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_followers" ADD CONSTRAINT "meetings_followers_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_group_id_meetings_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."meetings_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings_symbol_counters" ADD CONSTRAINT "meetings_symbol_counters_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_events" ADD CONSTRAINT "calendar_events_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_agenda_items_number_idx" ON "meetings_agenda_items" USING btree ("meeting_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_document_files_current_idx" ON "meetings_document_files" USING btree ("document_id","locale") WHERE "meetings_document_files"."replaced_at" is null;--> statement-breakpoint
CREATE INDEX "meetings_document_files_document_idx" ON "meetings_document_files" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_decisions_number_idx" ON "meetings_decisions" USING btree ("meeting_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_documents_symbol_idx" ON "meetings_documents" USING btree ("symbol");--> statement-breakpoint
CREATE INDEX "meetings_documents_meeting_idx" ON "meetings_documents" USING btree ("meeting_id","series","series_number","amendment_kind","amendment_number");--> statement-breakpoint
CREATE INDEX "meetings_documents_amends_idx" ON "meetings_documents" USING btree ("amends_id");--> statement-breakpoint
CREATE INDEX "meetings_documents_search_idx" ON "meetings_documents" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_group_number_idx" ON "meetings" USING btree ("group_id","number");--> statement-breakpoint
CREATE INDEX "meetings_starts_idx" ON "meetings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "calendar_events_starts_idx" ON "calendar_events" USING btree ("starts_at");