import type { Config } from '../config.ts';
import type { OutgoingMailRow } from '../modules/mail/index.ts';
import { withContainer } from './commands.ts';

const at = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '-');

/** One line per message, newest first: id, status, when, to, subject. */
export function describeMailbox(rows: readonly OutgoingMailRow[]): string {
  if (rows.length === 0) return 'The mailbox is empty.\n';
  return rows.map((m) => `${m.id}  ${m.status.padEnd(9)}  ${at(m.sentAt ?? m.createdAt)}  ${m.to}  ${m.subject}\n`).join('');
}

/** The whole message as it was (or will be) sent; the body is gone once sent over SMTP. */
export function describeMail(row: OutgoingMailRow): string {
  const lines = [
    `Id:          ${row.id}`,
    `Template:    ${row.template}`,
    `To:          ${row.to}`,
    `Subject:     ${row.subject}`,
    `Status:      ${row.status}${row.attempts > 0 ? ` after ${row.attempts} attempt${row.attempts === 1 ? '' : 's'}` : ''}${row.lastError ? ` (last error: ${row.lastError})` : ''}`,
    `Queued:      ${at(row.createdAt)}${row.sendAfter.getTime() > row.createdAt.getTime() ? `, not before ${at(row.sendAfter)}` : ''}`,
    `Sent:        ${at(row.sentAt)}`,
    `Attachments: ${row.attachments.map((a) => `${a.filename} (${a.contentType})`).join(', ') || '-'}`,
    '',
    row.text ?? '(body not kept: it was sent over SMTP, or cancelled)',
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

export async function mailListCommand(config: Config, options: { to?: string; limit: number }): Promise<void> {
  await withContainer(config, async (container) => {
    process.stdout.write(describeMailbox(await container.mail.mailbox.list(options)));
  });
}

export async function mailShowCommand(config: Config, id: string): Promise<void> {
  await withContainer(config, async (container) => {
    const row = await container.mail.mailbox.show(id);
    if (!row) {
      process.stderr.write(`No email ${id} in the mailbox\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(describeMail(row));
  });
}
