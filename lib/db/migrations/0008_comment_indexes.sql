DROP INDEX "comments_article_idx";--> statement-breakpoint
DROP INDEX "comments_queue_idx";--> statement-breakpoint
CREATE INDEX "comments_article_idx" ON "comments" USING btree ("article_slug","status","hidden","created_at","id");--> statement-breakpoint
CREATE INDEX "comments_queue_idx" ON "comments" USING btree ("id") WHERE "comments"."status" = 'pending' or ("comments"."status" = 'approved' and "comments"."hidden");