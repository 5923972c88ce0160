CREATE TABLE "core_audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core_audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" bigint,
	"actor_email" text,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "auth_api_tokens" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "auth_api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"label" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "auth_api_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "auth_email_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"new_email" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "core_rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "core_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "auth_user_roles" (
	"user_id" bigint NOT NULL,
	"role" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_user_roles_user_id_role_pk" PRIMARY KEY("user_id","role")
);
--> statement-breakpoint
CREATE TABLE "auth_users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "auth_users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"email_verified_at" timestamp with time zone,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "core_mail_outbox" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core_mail_outbox_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"to" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "accounts_memberships" (
	"organization_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_memberships_organization_id_user_id_pk" PRIMARY KEY("organization_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "accounts_organizations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "accounts_organizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"acronym" text,
	"stakeholder_type" text NOT NULL,
	"country" text NOT NULL,
	"website" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_action_lines" (
	"code" text PRIMARY KEY NOT NULL,
	"parent" text,
	"position" integer NOT NULL,
	"title" jsonb NOT NULL,
	"short" jsonb NOT NULL,
	"title_confidence" jsonb NOT NULL,
	"lead_facilitators" jsonb NOT NULL,
	"itu_role" text NOT NULL,
	"sources" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_connect2030_goals" (
	"code" text PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"title" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_connect2030_targets" (
	"code" text PRIMARY KEY NOT NULL,
	"goal" text NOT NULL,
	"text" jsonb NOT NULL,
	"confidence" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_countries" (
	"code" text PRIMARY KEY NOT NULL,
	"region" text NOT NULL,
	"is_itu_member" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_matrix_links" (
	"action_line" text NOT NULL,
	"sdg" integer NOT NULL,
	"targets" jsonb NOT NULL,
	"rationale" jsonb NOT NULL,
	"confidence" text NOT NULL,
	"source" text NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reference_matrix_links_action_line_sdg_pk" PRIMARY KEY("action_line","sdg")
);
--> statement-breakpoint
CREATE TABLE "reference_prize_categories" (
	"number" integer PRIMARY KEY NOT NULL,
	"action_line" text NOT NULL,
	"title" jsonb NOT NULL,
	"confidence" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_sdg_targets" (
	"code" text PRIMARY KEY NOT NULL,
	"sdg" integer NOT NULL,
	"text" jsonb NOT NULL,
	"confidence" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_sdgs" (
	"number" integer PRIMARY KEY NOT NULL,
	"short" jsonb NOT NULL,
	"title" jsonb NOT NULL,
	"confidence" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "auth_api_tokens" ADD CONSTRAINT "auth_api_tokens_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_email_tokens" ADD CONSTRAINT "auth_email_tokens_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_user_roles" ADD CONSTRAINT "auth_user_roles_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts_memberships" ADD CONSTRAINT "accounts_memberships_organization_id_accounts_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."accounts_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts_memberships" ADD CONSTRAINT "accounts_memberships_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_connect2030_targets" ADD CONSTRAINT "reference_connect2030_targets_goal_reference_connect2030_goals_code_fk" FOREIGN KEY ("goal") REFERENCES "public"."reference_connect2030_goals"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_countries" ADD CONSTRAINT "reference_countries_region_reference_regions_code_fk" FOREIGN KEY ("region") REFERENCES "public"."reference_regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_matrix_links" ADD CONSTRAINT "reference_matrix_links_action_line_reference_action_lines_code_fk" FOREIGN KEY ("action_line") REFERENCES "public"."reference_action_lines"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_matrix_links" ADD CONSTRAINT "reference_matrix_links_sdg_reference_sdgs_number_fk" FOREIGN KEY ("sdg") REFERENCES "public"."reference_sdgs"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_prize_categories" ADD CONSTRAINT "reference_prize_categories_action_line_reference_action_lines_code_fk" FOREIGN KEY ("action_line") REFERENCES "public"."reference_action_lines"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_sdg_targets" ADD CONSTRAINT "reference_sdg_targets_sdg_reference_sdgs_number_fk" FOREIGN KEY ("sdg") REFERENCES "public"."reference_sdgs"("number") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "core_audit_log_at_idx" ON "core_audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "core_audit_log_action_idx" ON "core_audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "core_audit_log_subject_idx" ON "core_audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "auth_api_tokens_user_idx" ON "auth_api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_email_tokens_user_idx" ON "auth_email_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "auth_users_email_lower_idx" ON "auth_users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "core_mail_outbox_due_idx" ON "core_mail_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "accounts_memberships_user_idx" ON "accounts_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "accounts_organizations_name_idx" ON "accounts_organizations" USING btree ("name");--> statement-breakpoint
CREATE INDEX "reference_matrix_links_sdg_idx" ON "reference_matrix_links" USING btree ("sdg");