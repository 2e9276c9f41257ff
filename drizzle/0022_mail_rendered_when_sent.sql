-- Emails are rendered when sent, not in the transaction of the change they announce: the request
-- stores the template's data (and, for candidates, whose status-page link to mint), the send task
-- renders and keeps the result, so a retry sends the very same words and link.
ALTER TABLE "outgoing_mail" ALTER COLUMN "subject" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "outgoing_mail" ADD COLUMN "data" jsonb;
--> statement-breakpoint
ALTER TABLE "outgoing_mail" ADD COLUMN "status_link_for" text;
