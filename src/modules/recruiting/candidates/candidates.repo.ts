import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../infra/db/database.ts';
import { newId } from '../../../infra/db/ids.ts';
import { emailKey, nameKey, phoneKey } from './candidate-identity.ts';
import { candidateEmails, candidatePhones, candidates, type CandidateLinks, type CandidateSource } from './candidates.table.ts';

const { searchVector: _vector, ...candidateColumns } = getTableColumns(candidates);
export type CandidateRow = Omit<typeof candidates.$inferSelect, 'searchVector'>;

/** Who is applying, as the form or an integration gives it. */
export interface Applicant {
  name: string;
  email: string;
  phone?: string | null;
  location?: string | null;
  links?: CandidateLinks;
  source: CandidateSource;
  sourceDetail?: string | null;
}

/** Plain words for the profile's search text: what a recruiter would type to find the person. */
const profileText = (name: string, emails: readonly string[], phones: readonly string[], tags: readonly string[], location: string | null | undefined) =>
  [name, ...emails, ...phones, ...tags, location ?? ''].join(' ').replace(/\s+/g, ' ').trim().slice(0, 10_000);

async function lockByEmailKey(tx: DbExecutor, orgId: string, key: string): Promise<CandidateRow | null> {
  const [owner] = await tx.select({ id: candidateEmails.candidateId }).from(candidateEmails)
    .where(and(eq(candidateEmails.orgId, orgId), eq(candidateEmails.emailKey, key)));
  if (!owner) return null;
  const [candidate] = await tx.select(candidateColumns).from(candidates).where(eq(candidates.id, owner.id)).for('update');
  return candidate ?? null;
}

export function createCandidatesRepo() {
  return {
    /**
     * The org's candidate with this email (by its identity key), locked for the rest of the
     * transaction, or a new one. Two first applications of one person at once: the unique email key
     * makes the second wait for the first, then find and lock the same candidate.
     */
    async matchOrCreate(tx: DbExecutor, orgId: string, applicant: Applicant, now: Date): Promise<{ candidate: CandidateRow; created: boolean }> {
      const key = emailKey(applicant.email);
      const existing = await lockByEmailKey(tx, orgId, key);
      if (existing) return { candidate: existing, created: false };
      const email = applicant.email.trim();
      const phones = applicant.phone ? [applicant.phone.trim()] : [];
      const [candidate] = await tx.insert(candidates).values({
        id: newId('cand'), orgId, name: applicant.name, nameKey: nameKey(applicant.name), location: applicant.location ?? null,
        links: applicant.links ?? {}, source: applicant.source, sourceDetail: applicant.sourceDetail ?? null, createdAt: now, updatedAt: now,
        searchProfile: profileText(applicant.name, [email], phones, [], applicant.location),
      }).returning();
      if (!candidate) throw new Error('insert returned no row');
      // Unique on (org, key): the loser of a race for a new email waits here until the winner commits.
      const claimed = await tx.insert(candidateEmails).values({ orgId, candidateId: candidate.id, email, emailKey: key })
        .onConflictDoNothing().returning({ candidateId: candidateEmails.candidateId });
      if (claimed.length === 0) {
        await tx.delete(candidates).where(eq(candidates.id, candidate.id));
        const winner = await lockByEmailKey(tx, orgId, key);
        if (!winner) throw new Error(`candidate email ${key} claimed but not found`);
        return { candidate: winner, created: false };
      }
      if (phones.length > 0) {
        await tx.insert(candidatePhones).values(phones.map((phone, position) => ({ orgId, candidateId: candidate.id, phone, phoneKey: phoneKey(phone), position })));
      }
      const { searchVector: _omitted, ...row } = candidate;
      return { candidate: row, created: true };
    },

    /** Marks a candidate changed (their applications count): incremental sync picks it up. */
    async touch(tx: DbExecutor, candidateId: string, now: Date): Promise<void> {
      await tx.update(candidates).set({ updatedAt: now, version: sql`${candidates.version} + 1` }).where(eq(candidates.id, candidateId));
    },
  };
}
export type CandidatesRepo = ReturnType<typeof createCandidatesRepo>;
