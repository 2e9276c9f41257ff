import { notFound, AppError } from '../../../app-error.ts';
import type { Database } from '../../../infra/db/database.ts';
import { authorize, type Principal } from '../../access/index.ts';
import { toApplication } from '../applications/index.ts';
import type { CandidatesRepo } from '../candidates/index.ts';
import type { ExportScorecardVersionRow, RightsExportRepo } from './rights.export.repo.ts';
import { ERASED_NAME, type CandidateExport, type ExportScorecard } from './rights.schemas.ts';
import { toErasureRequest } from './rights.requests.service.ts';

export interface ExportServiceDeps {
  database: Pick<Database, 'tenant'>;
  repo: RightsExportRepo;
  contacts: CandidatesRepo['contacts'];
  /** A job's title, or null when it no longer exists (the jobs module answers). */
  jobTitle: (orgId: string, jobId: string) => Promise<string | null>;
  /** Absolute base of the download links. */
  publicBaseUrl: string;
  clock: () => Date;
}

/** An erased record: the anonymized name, and no email left (every other candidate has at least one). */
export const isErased = (row: { name: string; nameKey: string }, emails: number): boolean => row.name === ERASED_NAME && row.nameKey === '' && emails === 0;

/** Submitted scorecard versions (oldest first, grouped by scorecard in order) → one entry per scorecard. */
function scorecardsOf(versions: readonly ExportScorecardVersionRow[]): ExportScorecard[] {
  const byId = new Map<string, ExportScorecard>();
  for (const v of versions) {
    const card = byId.get(v.scorecardId) ?? { id: v.scorecardId, interviewId: v.interviewId, versions: [] };
    card.versions.push({ version: v.version, ratings: v.ratings, recommendation: v.recommendation, notes: v.notes, submittedAt: v.submittedAt.toISOString() });
    byId.set(v.scorecardId, card);
  }
  return [...byId.values()];
}

export function createExportService({ database, repo, contacts, jobTitle, publicBaseUrl, clock }: ExportServiceDeps) {
  return {
    /**
     * Everything about the candidate the caller may see, as one document to hand to them (data
     * portability): profile, applications with answers, consent, history and submitted scorecards, team notes, files as links.
     */
    async export(principal: Principal, id: string): Promise<CandidateExport> {
      const access = authorize(principal, 'candidates:read');
      const { orgId } = access;
      const found = await database.tenant(orgId, async (tx) => {
        const candidate = await repo.candidate(tx, access, id);
        if (!candidate) return null;
        if (candidate.mergedInto) throw new AppError('not-found', `Candidate ${candidate.id} was merged into ${candidate.mergedInto}; use that candidate`);
        const apps = await repo.applications(tx, access, id);
        const applicationIds = apps.map((a) => a.row.id);
        // Scorecards only for an exporter who sees them all (candidates:write), so an export cannot get round the submit-first rule.
        const manager = principal.grants.has('candidates:write') ? authorize(principal, 'candidates:write') : null;
        return {
          candidate, contact: await contacts(tx, id), merged: await repo.mergedInto(tx, orgId, id), apps,
          history: await repo.history(tx, orgId, applicationIds),
          interviews: await repo.interviews(tx, orgId, applicationIds),
          scorecards: manager ? await repo.scorecards(tx, manager, applicationIds) : [],
          notes: await repo.teamNotes(tx, access, id, applicationIds),
          files: await repo.attachments(tx, orgId, id),
          requests: await repo.erasureRequests(tx, orgId, id),
        };
      });
      if (!found) throw notFound('Candidate');
      const { candidate, contact, merged, apps, history, interviews, scorecards, notes, files, requests } = found;
      const titles = new Map<string, string | null>();
      for (const jobId of new Set(apps.map((a) => a.row.jobId))) titles.set(jobId, await jobTitle(orgId, jobId));
      const base = publicBaseUrl.replace(/\/+$/, '');
      return {
        exportedAt: clock().toISOString(),
        erased: isErased(candidate, contact.emails.length),
        candidate: {
          id: candidate.id, name: candidate.name, emails: contact.emails, phones: contact.phones, location: candidate.location, links: candidate.links,
          tags: candidate.tags, source: candidate.source, sourceDetail: candidate.sourceDetail, customFields: candidate.customFields,
          mergedCandidateIds: merged, createdAt: candidate.createdAt.toISOString(), updatedAt: candidate.updatedAt.toISOString(),
        },
        applications: apps.map(({ row, stage }) => {
          const { id: appId, jobId: _job, candidateId: _candidate, version: _version, ...shown } = toApplication(row, stage);
          return {
            id: appId, job: { id: row.jobId, title: titles.get(row.jobId) ?? null }, ...shown,
            history: history.filter((h) => h.applicationId === appId).map((h) => ({
              id: h.id, action: h.action, actor: { type: h.actorType, id: h.actorId }, at: h.at.toISOString(),
              fromStageId: h.fromStageId, toStageId: h.toStageId, reasonId: h.reasonId, note: h.note,
            })),
            interviews: interviews.filter((i) => i.applicationId === appId).map((i) => ({
              id: i.id, start: i.startAt.toISOString(), end: i.endAt.toISOString(), timeZone: i.timeZone, kind: i.kind, status: i.status,
              location: i.location, videoUrl: i.videoUrl, agenda: i.agenda,
            })),
            scorecards: scorecardsOf(scorecards.filter((v) => v.applicationId === appId)),
          };
        }),
        notes: notes.map((n) => ({
          id: n.id, applicationId: n.applicationId, author: { type: n.authorType, id: n.authorId }, body: n.body,
          createdAt: n.createdAt.toISOString(), updatedAt: n.updatedAt.toISOString(),
        })),
        attachments: files.map((f) => ({
          id: f.id, kind: f.kind, fileName: f.fileName, mediaType: f.mediaType, sizeBytes: f.sizeBytes, sha256: f.sha256,
          applicationId: f.applicationId, questionId: f.questionId, createdAt: f.createdAt.toISOString(),
          url: `${base}/v1/candidates/${encodeURIComponent(id)}/attachments/${encodeURIComponent(f.id)}/content`,
        })),
        erasureRequests: requests.map(toErasureRequest),
      };
    },
  };
}
export type ExportService = ReturnType<typeof createExportService>;
