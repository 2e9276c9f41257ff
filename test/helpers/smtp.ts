import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part as sent (escaping intact), or '' when there was none. */
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, for tests that follow emailed links. */
export async function startSmtpServer(): Promise<{ url: string; inbox: ReceivedMail[]; waitFor(to: string, subject: RegExp, timeoutMs?: number): Promise<ReceivedMail>; close(): Promise<void> }> {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        const html = typeof mail.html === 'string' ? mail.html : '';
        const attachments = mail.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content.toString('utf8') }));
        for (const rcpt of session.envelope.rcptTo) inbox.push({ to: rcpt.address, subject: mail.subject ?? '', text: mail.text ?? '', html, attachments });
        callback();
      }, (err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const waitFor = async (to: string, subject: RegExp, timeoutMs = 20_000): Promise<ReceivedMail> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = inbox.find((m) => m.to.toLowerCase() === to.toLowerCase() && subject.test(m.subject));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no email to ${to} matching ${String(subject)} within ${timeoutMs} ms; inbox: ${JSON.stringify(inbox.map((m) => [m.to, m.subject]))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { url: `smtp://127.0.0.1:${port}`, inbox, waitFor, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The token a link in an email carries. */
export function tokenIn(mail: Pick<ReceivedMail, 'to' | 'subject' | 'text'>, path: string): string {
  const match = new RegExp(`${path}\\?token=([^\\s]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${mail.text}`);
  return decodeURIComponent(match[1]);
}
