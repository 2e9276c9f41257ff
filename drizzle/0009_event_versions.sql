-- Each domain event keeps the catalogue version its payload was written with (src/modules/events/events.catalogue.ts);
-- every event recorded before the catalogue is version 1.
ALTER TABLE "domain_events" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;
