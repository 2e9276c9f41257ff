-- Row-level security: the second wall between organizations. Tenant work runs in transactions that
-- drop to the non-owner role hireline_app and name the org (see src/infra/db/database.ts); these
-- policies then hide and refuse every other org's rows, whatever a query forgets.
-- Roles are per cluster: another database may have made it, or an operator whose migration user
-- may not create roles (then: CREATE ROLE hireline_app NOLOGIN; GRANT hireline_app TO <that user>).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hireline_app') THEN
    CREATE ROLE hireline_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- a concurrent migration of another database made it first
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO hireline_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO hireline_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hireline_app;
--> statement-breakpoint
-- The session-role switch needs the login role to be a member of hireline_app (superusers always are).
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'hireline_app', 'MEMBER') THEN
    EXECUTE format('GRANT hireline_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['jobs', 'job_team', 'domain_events', 'audit_events', 'api_keys', 'memberships', 'sessions',
                           'invitations', 'sso_connections', 'sso_identities', 'sso_logins']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO hireline_app USING (org_id = current_setting(''hireline.org_id'', true)) '
      'WITH CHECK (org_id = current_setting(''hireline.org_id'', true))', t);
  END LOOP;
END
$$;
--> statement-breakpoint
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON orgs TO hireline_app
  USING (id = current_setting('hireline.org_id', true)) WITH CHECK (id = current_setting('hireline.org_id', true));
--> statement-breakpoint
-- Refresh tokens belong to a session; they are visible exactly when their session is.
ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON refresh_tokens TO hireline_app
  USING (EXISTS (SELECT 1 FROM sessions s WHERE s.id = refresh_tokens.session_id))
  WITH CHECK (EXISTS (SELECT 1 FROM sessions s WHERE s.id = refresh_tokens.session_id));
