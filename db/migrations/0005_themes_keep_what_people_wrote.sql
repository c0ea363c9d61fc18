ALTER TABLE "answers" DROP CONSTRAINT "answers_theme_id_themes_id_fk";
--> statement-breakpoint
ALTER TABLE "prep_pack_items" DROP CONSTRAINT "prep_pack_items_theme_id_themes_id_fk";
--> statement-breakpoint
ALTER TABLE "themes" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "themes" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_merged_into_themes_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."themes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prep_pack_items" ADD CONSTRAINT "prep_pack_items_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "themes_merged_into_idx" ON "themes" USING btree ("merged_into");--> statement-breakpoint
-- The version the placement model of each app process is built from (api/src/domain/themes): a
-- recompute, a curation and a capture that opens a theme move it on in their own transaction.
INSERT INTO data_versions (name, version) VALUES ('themes', 0) ON CONFLICT (name) DO NOTHING;
