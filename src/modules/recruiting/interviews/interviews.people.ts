import { grantsOfRole, type JobAccess, type Role } from '../../access/index.ts';
import type { InterviewWithCandidate } from './interviews.repo.ts';
import type { InviteParts, Person } from './interviews.ics.ts';

/** A member as invites need them; the identity module answers for those of the ids who are members. */
export interface MemberContact {
  userId: string;
  email: string;
  name: string;
  role: Role;
}
export type MemberContacts = (orgId: string, userIds: readonly string[]) => Promise<MemberContact[]>;

/** `Hireline <no-reply@example.com>` → a person; a bare address stands for itself. */
export function parseMailbox(mailbox: string): Person {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailbox);
  return match?.[2] ? { name: match[1]?.trim() || match[2], email: match[2].trim() } : { name: mailbox.trim(), email: mailbox.trim() };
}

/** How far a member's role lets them read candidates, as the access they would call with (null: not at all). */
export function readAccessOf(orgId: string, member: Pick<MemberContact, 'userId' | 'role'>): JobAccess | null {
  const reach = grantsOfRole(member.role).get('candidates:read');
  if (!reach) return null;
  return { orgId, assignedTo: reach === 'assigned' ? member.userId : null };
}

/**
 * Organizer and attendees for interviews, with one lookup of the people involved. The organizer is
 * whoever scheduled it while they are a member (replies reach them); otherwise the mail sender.
 * Someone who has left the org is no longer invited.
 */
export async function inviteParts(contacts: MemberContacts, sender: Person, orgId: string, found: readonly InterviewWithCandidate[]): Promise<InviteParts[]> {
  const ids = new Set<string>();
  for (const { row } of found) {
    for (const id of row.interviewerIds) ids.add(id);
    if (row.organizerType === 'user' && row.organizerId) ids.add(row.organizerId);
  }
  const byId = new Map((await contacts(orgId, [...ids])).map((c) => [c.userId, { name: c.name, email: c.email }]));
  return found.map((interview) => {
    const { row } = interview;
    const organizer = (row.organizerType === 'user' && row.organizerId ? byId.get(row.organizerId) : undefined) ?? sender;
    const attendees = row.interviewerIds.map((id) => byId.get(id)).filter((p) => p !== undefined);
    return { interview, organizer, attendees };
  });
}
