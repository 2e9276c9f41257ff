CREATE INDEX "jobs_org_employment_type_idx" ON "jobs" USING btree ("org_id","employment_type") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "jobs_org_workplace_idx" ON "jobs" USING btree ("org_id","workplace") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "jobs_org_salary_idx" ON "jobs" USING btree ("org_id","salary_annual_max") WHERE status = 'published';