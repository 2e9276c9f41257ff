import { parse } from 'csv-parse/sync';
import { AppError } from '../../../app-error.ts';
import { authorize, requireWholeOrg, type Principal } from '../../access/index.ts';
import type { EventsService } from '../../events/index.ts';
import type { Database } from '../../../infra/db/database.ts';
import { emailKey } from './candidate-identity.ts';
import { cellValue, type FieldRule } from './candidate-fields.ts';
import type { CandidateFieldsRepo } from './candidate-fields.repo.ts';
import type { CandidatesRepo } from './candidates.repo.ts';
import { candidateSources, type CreateCandidateInput, type ImportResult } from './candidates.schemas.ts';
import type { CandidatesService } from './candidates.service.ts';
import type { CandidateLinks, CustomFieldValue } from './candidates.table.ts';

const standardColumns = ['name', 'email', 'phone', 'location', 'tags', 'source', 'linkedin', 'github', 'portfolio'] as const;
const MAX_ROWS = 20_000;
// A shape check only: the address is an identity key here, never a mailbox we send to.
const looksLikeEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ImportDeps {
  database: Pick<Database, 'tenant'>;
  events: Pick<EventsService, 'withEvents'>;
  repo: CandidatesRepo;
  fieldsRepo: CandidateFieldsRepo;
  candidates: Pick<CandidatesService, 'insertChecked'>;
  clock: () => Date;
}

type Row = Record<string, string>;
class RowError extends Error {
  constructor(readonly field: string | null, readonly detail: string) {
    super(detail);
  }
}

/** A CSV row → the body POST /v1/candidates takes, or a RowError naming the column. */
function toInput(row: Row, rules: readonly FieldRule[]): CreateCandidateInput {
  const cell = (key: string) => (row[key] ?? '').trim();
  const name = cell('name');
  if (!name || name.length > 200) throw new RowError('name', name ? 'is longer than 200 characters' : 'is required');
  const email = cell('email');
  if (!looksLikeEmail.test(email) || email.length > 320) throw new RowError('email', email ? 'is not an email address' : 'is required');
  const source = cell('source') || 'imported';
  if (!(candidateSources as readonly string[]).includes(source)) throw new RowError('source', `must be one of ${candidateSources.join(', ')}`);
  const tags = cell('tags').split(';').map((t) => t.trim()).filter(Boolean);
  if (tags.some((t) => t.length > 60) || tags.length > 50) throw new RowError('tags', 'at most 50 tags of at most 60 characters each');
  const links: CandidateLinks = {};
  for (const key of ['linkedin', 'github', 'portfolio'] as const) if (cell(key)) links[key] = cell(key);
  const customFields: Record<string, CustomFieldValue> = {};
  for (const rule of rules) {
    const value = cellValue(rule, cell(rule.key));
    if (value !== null) customFields[rule.key] = value;
  }
  return {
    name, emails: [email], phones: cell('phone') ? [cell('phone')] : [], location: cell('location') || null, tags, links,
    source: source as CreateCandidateInput['source'], customFields,
  };
}

function parseCsv(text: string): { header: string[]; rows: { line: number; row: Row }[] } {
  let header: string[] = [];
  try {
    const records = parse(text, {
      bom: true, skip_empty_lines: true, trim: true, info: true, relax_column_count: true,
      columns: (names: string[]) => (header = names.map((n) => n.trim().toLowerCase())),
    }) as { record: Row; info: { lines: number } }[];
    return { header, rows: records.map(({ record, info }) => ({ line: info.lines, row: record })) };
  } catch (err) {
    throw new AppError('validation-failed', `The file is not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** CSV import: every row its own transaction, so one bad row costs only itself. */
export function createCandidatesImport({ database, events, repo, fieldsRepo, candidates, clock }: ImportDeps) {
  return {
    async importCsv(principal: Principal, text: string, onProgress?: (done: number, total: number) => void): Promise<ImportResult> {
      const access = authorize(principal, 'candidates:write');
      requireWholeOrg(access, 'import candidates');
      const { orgId } = access;
      const { header, rows } = parseCsv(text);
      const rules = await database.tenant(orgId, (tx) => fieldsRepo.list(tx, orgId));
      const known = new Set<string>([...standardColumns, ...rules.map((r) => r.key)]);
      const unknown = header.filter((h) => !known.has(h));
      if (!header.includes('name') || !header.includes('email') || unknown.length > 0) {
        const problems = [...(['name', 'email'].filter((c) => !header.includes(c)).map((c) => `no ${c} column`)),
          ...(unknown.length > 0 ? [`unknown columns: ${unknown.join(', ')} (custom fields must be defined first)`] : [])];
        throw new AppError('validation-failed', `The header row does not fit: ${problems.join('; ')}`);
      }
      if (rows.length > MAX_ROWS) throw new AppError('payload-too-large', `At most ${MAX_ROWS} rows per import; split the file`);
      const present = rules.filter((r) => header.includes(r.key));
      const result: ImportResult = { created: 0, matched: 0, failed: 0, errors: [] };
      for (const [index, { line, row }] of rows.entries()) {
        try {
          const input = toInput(row, present);
          const outcome = await events.withEvents(orgId, async (tx, record) => {
            const [owner] = await repo.ownersOfEmails(tx, orgId, input.emails.map(emailKey));
            if (owner) return 'matched' as const;
            const created = await candidates.insertChecked(tx, orgId, input, clock());
            record({ orgId, type: 'candidate.created', subjectId: created.id, payload: { candidateId: created.id, source: created.source } });
            return 'created' as const;
          });
          result[outcome] += 1;
        } catch (err) {
          // Taken by someone else between this row's check and its insert: the same person, so a match.
          if (err instanceof AppError && err.code === 'candidate-exists') {
            result.matched += 1;
            onProgress?.(index + 1, rows.length);
            continue;
          }
          result.failed += 1;
          if (err instanceof RowError) result.errors.push({ row: line, field: err.field, detail: `${err.field} ${err.detail}` });
          else if (err instanceof AppError) {
            const field = err.extras.fields?.[0]?.field.replace(/^customFields\./, '') ?? null;
            result.errors.push({ row: line, field, detail: err.detail });
          } else throw err;
        }
        onProgress?.(index + 1, rows.length);
      }
      return result;
    },
  };
}
export type CandidatesImport = ReturnType<typeof createCandidatesImport>;
