CREATE TABLE "feedback" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "feedback_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"comment_id" bigint,
	"body" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"outcome" text,
	"answered_by" bigint,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedback_kind" CHECK ("feedback"."kind" in ('suggestion', 'comment_appeal', 'ban_appeal')),
	CONSTRAINT "feedback_status" CHECK ("feedback"."status" in ('open', 'answered')),
	CONSTRAINT "feedback_outcome" CHECK ("feedback"."outcome" is null or "feedback"."outcome" in ('restored', 'ban_lifted')),
	CONSTRAINT "feedback_body_length" CHECK (char_length("feedback"."body") between 1 and 1000),
	CONSTRAINT "feedback_answer_length" CHECK ("feedback"."answer" is null or char_length("feedback"."answer") between 1 and 1000)
);
--> statement-breakpoint
ALTER TABLE "comment_reports" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_answered_by_accounts_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_account_idx" ON "feedback" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "feedback_open_idx" ON "feedback" USING btree ("status","id");