import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { queryRows, type DbExecutor } from '../../../infra/db/database.ts';
import { rowsSource } from '../../../infra/db/insert-parts.ts';
import { newId } from '../../../infra/db/ids.ts';
import { searchText } from '../../../infra/search/plain-text.ts';
import { emailKey, nameKey, phoneKey } from './candidate-identity.ts';
import { candidateEmails, candidatePhones, candidates, type CandidateLinks, type CandidateSource, type CustomFieldValue } from './candidates.table.ts';

const { searchVector: _vector, ...columns } = getTableColumns(candidates);
/** Every column but the vector, which only the database reads. */
export const candidateColumns = columns;
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

/**
 * Plain words for the profile's search text: what a recruiter would type to find the person. Emails
 * become their parts ("ada example.test"); a search runs the words it is given through the same sanitizer.
 */
export const profileText = (name: string, emails: readonly string[], phones: readonly string[], tags: readonly string[], location: string | null | undefined) =>
  searchText([name, ...emails, ...phones, ...tags, location ?? ''].join(' '), 10_000);

/** A candidate's profile fields, as a write sets them (emails and phones are rows of their own). */
export interface ProfileWrite {
  name: string;
  location: string | null;
  links: CandidateLinks;
  tags: string[];
  source: CandidateSource;
  sourceDetail: string | null;
  customFields: Record<string, CustomFieldValue>;
}

export interface ContactRows {
  emails: string[];
  phones: { phone: string; e164: string | null }[];
}

/** The org's candidates owning these email keys, locked for update in id order (two writers locking overlapping sets cannot deadlock). */
async function lockByEmailKeys(tx: DbExecutor, orgId: string, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const owners = await tx.select({ id: candidates.id, key: candidateEmails.emailKey }).from(candidates)
    .innerJoin(candidateEmails, eq(candidateEmails.candidateId, candidates.id))
    .where(and(eq(candidateEmails.orgId, orgId), inArray(candidateEmails.emailKey, [...keys])))
    .orderBy(asc(candidates.id))
    .for('update', { of: candidates });
  return new Map(owners.map((owner) => [owner.key, owner.id]));
}

const newCandidateColumns = [
  candidates.id, candidates.orgId, candidates.name, candidates.nameKey, candidates.location, candidates.links, candidates.source,
  candidates.sourceDetail, candidates.createdAt, candidates.updatedAt, candidates.searchProfile,
] as const;

export function createCandidatesRepo() {
  /**
   * Replaces a candidate's emails and phones. Returns the email keys another candidate holds (then
   * nothing of them was written and the caller must roll back): the unique key settles races.
   */
  async function replaceContacts(tx: DbExecutor, orgId: string, candidateId: string, emails: readonly string[] | undefined, phones: readonly string[] | undefined): Promise<string[]> {
    let taken: string[] = [];
    if (emails) {
      await tx.delete(candidateEmails).where(eq(candidateEmails.candidateId, candidateId));
      const unique = [...new Map(emails.map((e) => [emailKey(e), e.trim()])).entries()];
      const written = await tx.insert(candidateEmails).values(unique.map(([key, email], position) => ({ orgId, candidateId, email, emailKey: key, position })))
        .onConflictDoNothing().returning({ key: candidateEmails.emailKey });
      const mine = new Set(written.map((w) => w.key));
      taken = unique.map(([key]) => key).filter((key) => !mine.has(key));
    }
    if (phones) {
      await tx.delete(candidatePhones).where(eq(candidatePhones.candidateId, candidateId));
      if (phones.length > 0) {
        await tx.insert(candidatePhones).values(phones.map((p, position) => ({ orgId, candidateId, phone: p.trim(), phoneKey: phoneKey(p.trim()), position })));
      }
    }
    return taken;
  }

  async function contacts(tx: DbExecutor, candidateId: string): Promise<ContactRows> {
    const [emails, phones] = [
      await tx.select({ email: candidateEmails.email }).from(candidateEmails).where(eq(candidateEmails.candidateId, candidateId)).orderBy(asc(candidateEmails.position)),
      await tx.select({ phone: candidatePhones.phone, e164: candidatePhones.phoneKey }).from(candidatePhones)
        .where(eq(candidatePhones.candidateId, candidateId)).orderBy(asc(candidatePhones.position)),
    ];
    return { emails: emails.map((e) => e.email), phones };
  }

  /**
   * matchOrCreate for several people at once (the careers site's group commit), in their order: one
   * statement when all are new, one more when any has a phone, one more when any is known. Their
   * emails must be distinct people's (different identity keys).
   */
  async function matchOrCreateMany(tx: DbExecutor, orgId: string, applicants: readonly Applicant[], now: Date): Promise<{ candidateId: string; created: boolean }[]> {
    const people = applicants.map((applicant) => ({
      applicant, id: newId('cand'), key: emailKey(applicant.email), email: applicant.email.trim(), phones: applicant.phone ? [applicant.phone.trim()] : [],
    }));
    if (new Set(people.map((p) => p.key)).size !== people.length) throw new Error('matchOrCreateMany takes one application per person');
    if (people.length === 0) return [];
    // In key order, so two writers claiming overlapping keys wait for each other in the same order.
    const byKey = [...people].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const claims = rowsSource([candidateEmails.orgId, candidateEmails.candidateId, candidateEmails.email, candidateEmails.emailKey], byKey.map((p) => [orgId, p.id, p.email, p.key]));
    const rows = rowsSource(newCandidateColumns, byKey.map(({ applicant, id, email, phones }) => [
      id, orgId, applicant.name, nameKey(applicant.name), applicant.location ?? null, applicant.links ?? {}, applicant.source,
      applicant.sourceDetail ?? null, now, now, profileText(applicant.name, [email], phones, [], applicant.location),
    ]));
    // A key already taken writes neither row; an email row names a candidate written by the same statement (its foreign key is checked at the statement's end).
    const created = new Set((await queryRows<{ id: string }>(tx, sql`
      with claimed as (insert into ${candidateEmails} ${claims.columns} select * from ${claims.source} as v on conflict do nothing returning ${sql.identifier(candidateEmails.candidateId.name)} as id)
      insert into ${candidates} ${rows.columns} select * from ${rows.source} as v where v.id in (select id from claimed)
      returning ${sql.identifier(candidates.id.name)}`)).map((row) => row.id));
    const phones = people.filter((p) => created.has(p.id)).flatMap((p) => p.phones.map((phone, position) => ({ orgId, candidateId: p.id, phone, phoneKey: phoneKey(phone), position })));
    if (phones.length > 0) await tx.insert(candidatePhones).values(phones);
    const known = await lockByEmailKeys(tx, orgId, people.filter((p) => !created.has(p.id)).map((p) => p.key));
    return people.map((p) => {
      if (created.has(p.id)) return { candidateId: p.id, created: true };
      const existing = known.get(p.key);
      if (!existing) throw new Error(`candidate email ${p.key} claimed but not found`);
      return { candidateId: existing, created: false };
    });
  }

  return {
    replaceContacts,
    contacts,

    /**
     * The org's candidate with this email (by its identity key), locked for the rest of the
     * transaction, or a new one. A new person (the common case on the careers site) costs one
     * statement: the email is claimed and the candidate written together, and a key already taken
     * writes neither. Two first applications of one person at once: the unique email key makes the
     * second wait for the first to commit, then find and lock the same candidate.
     */
    async matchOrCreate(tx: DbExecutor, orgId: string, applicant: Applicant, now: Date): Promise<{ candidateId: string; created: boolean }> {
      const [match] = await matchOrCreateMany(tx, orgId, [applicant], now);
      if (!match) throw new Error('matched no candidate');
      return match;
    },

    matchOrCreateMany,

    /** The candidate owning each of these email keys (the org's unique index makes it at most one per key). */
    async ownersOfEmails(tx: DbExecutor, orgId: string, keys: readonly string[]): Promise<{ key: string; candidateId: string }[]> {
      if (keys.length === 0) return [];
      return tx.select({ key: candidateEmails.emailKey, candidateId: candidateEmails.candidateId }).from(candidateEmails)
        .where(and(eq(candidateEmails.orgId, orgId), inArray(candidateEmails.emailKey, [...keys])));
    },

    /** A new candidate with its emails (already checked free) and phones. */
    async insert(
      tx: DbExecutor, orgId: string, profile: ProfileWrite, emails: readonly string[], phones: readonly string[], now: Date,
    ): Promise<{ row: CandidateRow; taken: string[] }> {
      const [row] = await tx.insert(candidates).values({
        id: newId('cand'), orgId, ...profile, nameKey: nameKey(profile.name), createdAt: now, updatedAt: now,
        searchProfile: profileText(profile.name, emails, phones, profile.tags, profile.location),
      }).returning(candidateColumns);
      if (!row) throw new Error('insert returned no row');
      return { row, taken: await replaceContacts(tx, orgId, row.id, emails, phones) };
    },

    async findForUpdate(tx: DbExecutor, orgId: string, id: string): Promise<CandidateRow | null> {
      const [row] = await tx.select(candidateColumns).from(candidates).where(and(eq(candidates.orgId, orgId), eq(candidates.id, id))).for('update');
      return row ?? null;
    },

    /** Writes profile fields, recomputes the search text from the stored contacts, bumps the version. */
    async update(tx: DbExecutor, current: CandidateRow, patch: Partial<ProfileWrite>, now: Date): Promise<CandidateRow> {
      const next = { ...current, ...patch };
      const { emails, phones } = await contacts(tx, current.id);
      const [row] = await tx.update(candidates).set({
        ...patch, ...(patch.name !== undefined ? { nameKey: nameKey(patch.name) } : {}), updatedAt: now, version: sql`${candidates.version} + 1`,
        searchProfile: profileText(next.name, emails, phones.map((p) => p.phone), next.tags, next.location),
      }).where(eq(candidates.id, current.id)).returning(candidateColumns);
      if (!row) throw new Error(`candidate ${current.id} vanished inside its own transaction`);
      return row;
    },

    /**
     * Seeding and migrations only: many new candidates (one email each, assumed free) in two statements,
     * with résumé text already extracted. No events: nothing happened that anyone subscribed to.
     */
    async bulkInsert(tx: DbExecutor, orgId: string, people: readonly (Omit<ProfileWrite, 'customFields'> & { email: string; resume: string; at: Date })[]): Promise<string[]> {
      if (people.length === 0) return [];
      const rows = await tx.insert(candidates).values(people.map((p) => ({
        id: newId('cand'), orgId, name: p.name, nameKey: nameKey(p.name), location: p.location, links: p.links, tags: p.tags, source: p.source,
        sourceDetail: p.sourceDetail, createdAt: p.at, updatedAt: p.at, searchResume: searchText(p.resume),
        searchProfile: profileText(p.name, [p.email], [], p.tags, p.location),
      }))).returning({ id: candidates.id });
      await tx.insert(candidateEmails).values(rows.map((r, i) => ({ orgId, candidateId: r.id, email: people[i]?.email ?? '', emailKey: emailKey(people[i]?.email ?? '') })));
      return rows.map((r) => r.id);
    },

    /** Marks a candidate changed (their applications count): incremental sync picks it up. */
    async touch(tx: DbExecutor, candidateIds: readonly string[], now: Date): Promise<void> {
      if (candidateIds.length === 0) return;
      await tx.update(candidates).set({ updatedAt: now, version: sql`${candidates.version} + 1` }).where(inArray(candidates.id, [...candidateIds]));
    },
  };
}
export type CandidatesRepo = ReturnType<typeof createCandidatesRepo>;
