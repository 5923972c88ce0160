CREATE TABLE "core_jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"last_error" text,
	"key" text,
	"locked_by" text,
	"locked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "core_jobs_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE INDEX "core_jobs_due_idx" ON "core_jobs" USING btree ("run_at","id") WHERE "core_jobs"."state" = 'waiting';--> statement-breakpoint
CREATE INDEX "core_jobs_running_idx" ON "core_jobs" USING btree ("locked_at") WHERE "core_jobs"."state" = 'running';--> statement-breakpoint
CREATE INDEX "core_jobs_state_finished_idx" ON "core_jobs" USING btree ("state","finished_at");