CREATE TABLE "answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"theme_id" uuid,
	"question_id" uuid,
	"body" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"owner_id" uuid,
	"answered_in" text,
	"answered_on" date,
	"review_by" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answers_target_check" CHECK (("answers"."theme_id" is null) <> ("answers"."question_id" is null)),
	CONSTRAINT "answers_status_check" CHECK ("answers"."status" in ('open', 'answered', 'follow-up', 'wont-answer'))
);
--> statement-breakpoint
CREATE TABLE "prep_pack_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"pack_id" uuid NOT NULL,
	"theme_id" uuid,
	"question_id" uuid,
	"position" integer NOT NULL,
	"draft_answer" text DEFAULT '' NOT NULL,
	CONSTRAINT "prep_pack_items_target_check" CHECK (("prep_pack_items"."theme_id" is null) <> ("prep_pack_items"."question_id" is null))
);
--> statement-breakpoint
CREATE TABLE "prep_packs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"event_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_pack_items" ADD CONSTRAINT "prep_pack_items_pack_id_prep_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."prep_packs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_pack_items" ADD CONSTRAINT "prep_pack_items_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_pack_items" ADD CONSTRAINT "prep_pack_items_question_id_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_packs" ADD CONSTRAINT "prep_packs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "answers_theme_key" ON "answers" USING btree ("theme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "answers_question_key" ON "answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "prep_pack_items_pack_idx" ON "prep_pack_items" USING btree ("pack_id");