DROP INDEX "core_notifications_unmailed_idx";--> statement-breakpoint
CREATE INDEX "core_notifications_immediate_idx" ON "core_notifications" USING btree ("id") WHERE mailed_at is null and email = 'immediate';--> statement-breakpoint
CREATE INDEX "core_notifications_daily_idx" ON "core_notifications" USING btree ("recipient_id") WHERE mailed_at is null and email = 'daily';