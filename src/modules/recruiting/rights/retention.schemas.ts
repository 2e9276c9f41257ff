import { Type, type Static } from 'typebox';
import { Nullable } from '../../../http/schemas.ts';

/** What an org's policy is until an admin sets one: off; six months after the last rejection, two years with consent. */
export const DEFAULT_POLICY = { enabled: false, anonymizeAfterMonths: 6, keepConsentedMonths: 24 } as const;
/** The reason an erasure by the policy is recorded with, in the audit log. */
export const RETENTION_REASON = 'retention policy';

const Months = (description: string) => Type.Integer({ minimum: 1, maximum: 120, description });

export const RetentionPolicyBodySchema = Type.Object({
  enabled: Type.Boolean({ description: 'Whether the daily run (and `hireline retention run`) anonymizes this org\'s due candidates' }),
  anonymizeAfterMonths: Months('Anonymize a candidate once all their applications are rejected or withdrawn and the last closed more than this many months ago'),
  keepConsentedMonths: Months('A candidate who agreed, when applying, to be kept for future roles is kept until this many months after that agreement (if that is later)'),
}, { additionalProperties: false });
export type RetentionPolicyInput = Static<typeof RetentionPolicyBodySchema>;

export const RetentionPolicySchema = Type.Object({
  ...RetentionPolicyBodySchema.properties,
  version: Type.Integer({ description: '0 until a policy is saved (the defaults); increments on every change' }),
  updatedAt: Nullable(Type.String({ format: 'date-time' })),
}, { $id: 'RetentionPolicy' });
export type RetentionPolicy = Static<typeof RetentionPolicySchema>;

/** A candidate the policy anonymizes (or would): ids and dates only, never a name, since runs are logged. */
export interface DueCandidate {
  candidateId: string;
  lastClosedAt: string;
}

/** One org's part of a run. */
export interface RetentionOrgRun {
  orgId: string;
  enabled: boolean;
  policy: Pick<RetentionPolicy, 'anonymizeAfterMonths' | 'keepConsentedMonths'>;
  due: DueCandidate[];
  anonymized: number;
  /** Erased, but some files could not be deleted from the file store (logged by key). */
  failed: number;
}

export interface RetentionRun {
  dryRun: boolean;
  at: string;
  orgs: RetentionOrgRun[];
}
