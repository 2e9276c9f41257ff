CREATE TABLE "org_branding" (
	"org_id" text PRIMARY KEY NOT NULL,
	"logo_url" text,
	"accent_color" text,
	"intro_text" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_branding" ADD CONSTRAINT "org_branding_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Row-level security as drizzle/0006 set it up: branding is read and written in the org's tenant transaction only.
ALTER TABLE "org_branding" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "org_branding" TO hireline_app
  USING (org_id = current_setting('hireline.org_id', true)) WITH CHECK (org_id = current_setting('hireline.org_id', true));
