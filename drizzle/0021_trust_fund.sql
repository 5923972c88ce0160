CREATE TABLE "trust_fund_donors" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "trust_fund_donors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"country_code" text,
	"organization_id" bigint,
	"name" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trust_fund_donors_country" CHECK (("trust_fund_donors"."kind" = 'member-state') = ("trust_fund_donors"."country_code" is not null))
);
--> statement-breakpoint
CREATE TABLE "trust_fund_rates" (
	"currency" text NOT NULL,
	"month" date NOT NULL,
	"chf_per_unit" numeric(24, 12) NOT NULL,
	"source" text DEFAULT 'entered' NOT NULL,
	"entered_by" bigint,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trust_fund_rates_currency_month_pk" PRIMARY KEY("currency","month"),
	CONSTRAINT "trust_fund_rates_positive" CHECK ("trust_fund_rates"."chf_per_unit" > 0),
	CONSTRAINT "trust_fund_rates_first_day" CHECK (extract(day from "trust_fund_rates"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "trust_fund_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "trust_fund_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"value_date" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"donor_id" bigint,
	"pledge_id" bigint,
	"task_id" bigint,
	"related_entry_id" bigint,
	"reverses_id" bigint,
	"currency" text,
	"amount_minor" bigint,
	"chf_per_unit" numeric(24, 12),
	"reason" text,
	"override_reason" text,
	"posted_by" bigint,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trust_fund_entries_reversal" CHECK (("trust_fund_entries"."kind" = 'reversal') = ("trust_fund_entries"."reverses_id" is not null) and ("trust_fund_entries"."kind" <> 'reversal' or "trust_fund_entries"."reason" is not null))
);
--> statement-breakpoint
CREATE TABLE "trust_fund_lines" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "trust_fund_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"account" text NOT NULL,
	"donor_id" bigint,
	"task_id" bigint,
	"amount_chf" bigint NOT NULL,
	"value_date" date NOT NULL,
	CONSTRAINT "trust_fund_lines_nonzero" CHECK ("trust_fund_lines"."amount_chf" <> 0)
);
--> statement-breakpoint
CREATE TABLE "trust_fund_pledges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "trust_fund_pledges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"donor_id" bigint NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"pledged_on" date NOT NULL,
	"purpose" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"action_line" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trust_fund_pledges_positive" CHECK ("trust_fund_pledges"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "trust_fund_rates" ADD CONSTRAINT "trust_fund_rates_entered_by_auth_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_fund_entries" ADD CONSTRAINT "trust_fund_entries_donor_id_trust_fund_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."trust_fund_donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_fund_entries" ADD CONSTRAINT "trust_fund_entries_pledge_id_trust_fund_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."trust_fund_pledges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_fund_entries" ADD CONSTRAINT "trust_fund_entries_posted_by_auth_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_fund_lines" ADD CONSTRAINT "trust_fund_lines_entry_id_trust_fund_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."trust_fund_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_fund_lines" ADD CONSTRAINT "trust_fund_lines_donor_id_trust_fund_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."trust_fund_donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_fund_pledges" ADD CONSTRAINT "trust_fund_pledges_donor_id_trust_fund_donors_id_fk" FOREIGN KEY ("donor_id") REFERENCES "public"."trust_fund_donors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trust_fund_pledges" ADD CONSTRAINT "trust_fund_pledges_created_by_auth_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "trust_fund_donors_country_idx" ON "trust_fund_donors" USING btree ("country_code");--> statement-breakpoint
CREATE UNIQUE INDEX "trust_fund_entries_reverses_idx" ON "trust_fund_entries" USING btree ("reverses_id");--> statement-breakpoint
CREATE INDEX "trust_fund_entries_value_date_idx" ON "trust_fund_entries" USING btree ("value_date");--> statement-breakpoint
CREATE INDEX "trust_fund_entries_donor_idx" ON "trust_fund_entries" USING btree ("donor_id");--> statement-breakpoint
CREATE INDEX "trust_fund_entries_task_idx" ON "trust_fund_entries" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "trust_fund_lines_entry_idx" ON "trust_fund_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "trust_fund_lines_account_date_idx" ON "trust_fund_lines" USING btree ("account","value_date");--> statement-breakpoint
CREATE INDEX "trust_fund_lines_task_idx" ON "trust_fund_lines" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "trust_fund_lines_donor_idx" ON "trust_fund_lines" USING btree ("donor_id","value_date");--> statement-breakpoint
CREATE INDEX "trust_fund_pledges_donor_idx" ON "trust_fund_pledges" USING btree ("donor_id");