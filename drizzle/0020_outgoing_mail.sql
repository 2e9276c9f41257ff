CREATE TABLE "outgoing_mail" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text,
	"template" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text,
	"html_body" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"subject_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"cancel_key" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"send_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "email_templates" (
	"org_id" text NOT NULL,
	"key" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_templates_pkey" PRIMARY KEY ("org_id", "key")
);
--> statement-breakpoint
CREATE TABLE "email_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"rejection_enabled" boolean DEFAULT false NOT NULL,
	"rejection_delay_minutes" integer DEFAULT 2880 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outgoing_mail_org_idx" ON "outgoing_mail" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "outgoing_mail_to_idx" ON "outgoing_mail" USING btree (lower("to_address"),"id");--> statement-breakpoint
CREATE INDEX "outgoing_mail_subjects_idx" ON "outgoing_mail" USING gin ("subject_ids");--> statement-breakpoint
CREATE INDEX "outgoing_mail_cancel_idx" ON "outgoing_mail" USING btree ("org_id","cancel_key") WHERE status = 'queued';--> statement-breakpoint
-- Row-level security for the mail tables, as drizzle/0006 set it up for the first tables. Mail of no org
-- (the identity emails) is written and read on the unscoped connection only; tenant work never sees it.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['outgoing_mail', 'email_templates', 'email_settings']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO hireline_app USING (org_id = current_setting(''hireline.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''hireline.org_id'', true))', t);
  END LOOP;
END
$$;
