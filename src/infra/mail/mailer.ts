import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one email; resolves once the transport accepted it. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailLog {
  info(details: object, message: string): void;
}

/**
 * SMTP when a URL is configured (smtp:// or smtps://, credentials in the URL); otherwise the
 * message is only logged, so a developer on the embedded defaults can still follow the links.
 */
export function createMailer(options: { smtpUrl: string | null; from: string; log: MailLog }): Mailer {
  if (!options.smtpUrl) {
    return {
      send: async (message) => {
        options.log.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, 'email not sent (SMTP_URL unset); logged instead');
      },
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
  return {
    send: async (message) => {
      await transport.sendMail({ to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}
