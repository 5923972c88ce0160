CREATE TABLE "stocktaking_calls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktaking_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"opened_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"owners_notified" integer DEFAULT 0 NOT NULL,
	"entries_concerned" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stocktaking_images" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stocktaking_images_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entry_id" bigint NOT NULL,
	"uploader_id" bigint,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"byte_size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"alt" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stocktaking_entries" ADD COLUMN "image_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL;--> statement-breakpoint
ALTER TABLE "stocktaking_calls" ADD CONSTRAINT "stocktaking_calls_opened_by_auth_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktaking_images" ADD CONSTRAINT "stocktaking_images_entry_id_stocktaking_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."stocktaking_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktaking_images" ADD CONSTRAINT "stocktaking_images_uploader_id_auth_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stocktaking_images_entry_idx" ON "stocktaking_images" USING btree ("entry_id");