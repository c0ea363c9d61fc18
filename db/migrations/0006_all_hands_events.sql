CREATE TABLE "all_hands_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"held_on" date NOT NULL,
	"pack_id" uuid,
	"source" text NOT NULL,
	"matching" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "all_hands_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"text" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"answered" boolean,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"theme_id" uuid,
	"similarity" real NOT NULL,
	"anticipated" boolean NOT NULL,
	CONSTRAINT "all_hands_questions_votes_check" CHECK ("all_hands_questions"."votes" >= 0)
);
--> statement-breakpoint
ALTER TABLE "all_hands_events" ADD CONSTRAINT "all_hands_events_pack_id_prep_packs_id_fk" FOREIGN KEY ("pack_id") REFERENCES "public"."prep_packs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "all_hands_events" ADD CONSTRAINT "all_hands_events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "all_hands_questions" ADD CONSTRAINT "all_hands_questions_event_id_all_hands_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."all_hands_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "all_hands_questions" ADD CONSTRAINT "all_hands_questions_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "all_hands_questions_event_idx" ON "all_hands_questions" USING btree ("event_id");