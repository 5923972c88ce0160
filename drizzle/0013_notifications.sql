CREATE TABLE "core_notification_digests" (
	"recipient_id" bigint NOT NULL,
	"day" date NOT NULL,
	"notifications" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "core_notification_digests_recipient_id_day_pk" PRIMARY KEY("recipient_id","day")
);
--> statement-breakpoint
CREATE TABLE "core_notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "core_notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"recipient_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"key" text,
	"email" text NOT NULL,
	"mailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "auth_users" ADD COLUMN "notification_email" text DEFAULT 'immediate' NOT NULL;--> statement-breakpoint
ALTER TABLE "core_notification_digests" ADD CONSTRAINT "core_notification_digests_recipient_id_auth_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_notifications" ADD CONSTRAINT "core_notifications_recipient_id_auth_users_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "core_notifications_recipient_idx" ON "core_notifications" USING btree ("recipient_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "core_notifications_key_idx" ON "core_notifications" USING btree ("recipient_id","kind","key") WHERE key is not null;--> statement-breakpoint
CREATE INDEX "core_notifications_unread_idx" ON "core_notifications" USING btree ("recipient_id") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "core_notifications_unmailed_idx" ON "core_notifications" USING btree ("email","recipient_id") WHERE mailed_at is null and email <> 'none';