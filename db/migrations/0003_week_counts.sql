CREATE TABLE "stale_weeks" (
	"week" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "week_counts" (
	"scope" text NOT NULL,
	"group_id" uuid NOT NULL,
	"week" date NOT NULL,
	"questions" integer NOT NULL,
	"meetings" integer NOT NULL,
	CONSTRAINT "week_counts_scope_group_id_week_pk" PRIMARY KEY("scope","group_id","week"),
	CONSTRAINT "week_counts_scope_check" CHECK ("week_counts"."scope" in ('all', 'category', 'theme'))
);
--> statement-breakpoint
CREATE TABLE "data_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "week_counts_week_idx" ON "week_counts" USING btree ("week");--> statement-breakpoint
-- Once per statement, the weeks a write to questions touched. An update matters only when it moves
-- a question to another theme, week or meeting (answering one, say, changes no count).
CREATE FUNCTION mark_question_weeks_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stale_weeks (week) SELECT DISTINCT week FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO stale_weeks (week) SELECT DISTINCT week FROM old_rows;
  ELSE
    INSERT INTO stale_weeks (week)
    SELECT DISTINCT w.week
    FROM old_rows o
    JOIN new_rows n ON n.id = o.id
    CROSS JOIN LATERAL (VALUES (o.week), (n.week)) AS w(week)
    WHERE n.theme_id IS DISTINCT FROM o.theme_id OR n.week <> o.week OR n.meeting_id <> o.meeting_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER questions_insert_stale_weeks AFTER INSERT ON questions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_question_weeks_stale();
--> statement-breakpoint
CREATE TRIGGER questions_update_stale_weeks AFTER UPDATE ON questions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mark_question_weeks_stale();
--> statement-breakpoint
CREATE TRIGGER questions_delete_stale_weeks AFTER DELETE ON questions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mark_question_weeks_stale();
--> statement-breakpoint
-- A category added to or taken from a question changes its week's category counts. When the
-- question itself is being deleted the join finds nothing, and the questions trigger has the week.
CREATE FUNCTION mark_question_category_weeks_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO stale_weeks (week)
    SELECT DISTINCT q.week FROM new_rows l JOIN questions q ON q.id = l.question_id;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    INSERT INTO stale_weeks (week)
    SELECT DISTINCT q.week FROM old_rows l JOIN questions q ON q.id = l.question_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER question_categories_insert_stale_weeks AFTER INSERT ON question_categories
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mark_question_category_weeks_stale();
--> statement-breakpoint
CREATE TRIGGER question_categories_update_stale_weeks AFTER UPDATE ON question_categories
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mark_question_category_weeks_stale();
--> statement-breakpoint
CREATE TRIGGER question_categories_delete_stale_weeks AFTER DELETE ON question_categories
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION mark_question_category_weeks_stale();
--> statement-breakpoint
-- Existing installations: every week with questions is built on the first read.
INSERT INTO stale_weeks (week) SELECT DISTINCT week FROM questions;
--> statement-breakpoint
INSERT INTO data_versions (name, version) VALUES ('week_counts', 0), ('group_names', 0), ('roster', 0);
--> statement-breakpoint
-- Once per statement, moves the data version named by the trigger's argument on: trends show
-- categories and themes by name, and redaction compiles the roster once per version.
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER themes_bump_group_names AFTER INSERT OR UPDATE OR DELETE ON themes
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('group_names');
--> statement-breakpoint
CREATE TRIGGER categories_bump_group_names AFTER INSERT OR UPDATE OR DELETE ON categories
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('group_names');
--> statement-breakpoint
CREATE TRIGGER roster_entries_bump_roster AFTER INSERT OR UPDATE OR DELETE ON roster_entries
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version('roster');
