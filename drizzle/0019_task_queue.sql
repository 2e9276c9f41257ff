-- The durable task queue (pg-boss) keeps its tables in their own schema. pg-boss creates and upgrades
-- them itself, right after these migrations (src/infra/queue/task-queue-schema.ts), together with the
-- few privileges the app role needs to enqueue inside a tenant transaction. No table in it has an
-- org_id: tasks are the instance's, and a task's payload names its org when it has one.
CREATE SCHEMA IF NOT EXISTS pgboss;
