-- An SSO sign-in started by someone proving their password links the provider account to theirs.
ALTER TABLE "sso_logins" ADD COLUMN "link_user_id" text;--> statement-breakpoint
ALTER TABLE "sso_logins" ADD CONSTRAINT "sso_logins_link_user_id_users_id_fk" FOREIGN KEY ("link_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Members removed before removal took them off hiring teams left seats behind that a re-invitation would revive.
DELETE FROM "job_team" WHERE NOT EXISTS (
	SELECT 1 FROM "memberships" WHERE "memberships"."org_id" = "job_team"."org_id" AND "memberships"."user_id" = "job_team"."user_id"
);
