import { createRequire } from 'node:module';
import type Nodemailer from 'nodemailer';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: readonly MailAttachment[];
}

/** Sends one email; resolves once the transport accepted it, rejects when it could not (the caller retries). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /**
   * True for the local mailbox (no SMTP_URL): nothing leaves the machine, and the mail module keeps
   * each message whole so `hireline mail list|show` can print it.
   */
  readonly local: boolean;
  close(): void;
}

export interface MailLog {
  info(details: object, message: string): void;
}

/**
 * SMTP when a URL is configured (smtp:// or smtps://, credentials in the URL); otherwise the local
 * mailbox, which only logs who a message was for: the message itself stays in the database.
 */
export function createMailer(options: { smtpUrl: string | null; from: string; log: MailLog }): Mailer {
  if (!options.smtpUrl) {
    return {
      local: true,
      send: async (message) => {
        options.log.info({ mail: { to: message.to, subject: message.subject } }, 'email kept in the local mailbox (SMTP_URL unset); see hireline mail list');
      },
      close: () => undefined,
    };
  }
  // Loaded only for SMTP: the local mailbox (the embedded default) never needs it (about 0.1 s of a start).
  const nodemailer = createRequire(import.meta.url)('nodemailer') as typeof Nodemailer;
  const transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
  return {
    local: false,
    send: async (message) => {
      await transport.sendMail({
        to: message.to, subject: message.subject, text: message.text, ...(message.html === undefined ? {} : { html: message.html }),
        attachments: (message.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
      });
    },
    close: () => transport.close(),
  };
}
