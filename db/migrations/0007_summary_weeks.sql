CREATE TABLE "summary_weeks" (
	"week" date PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "summary_weeks_version_idx" ON "summary_weeks" USING btree ("version");