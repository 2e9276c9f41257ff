import type { FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from '../../../app-error.ts';
import { findBadText } from '../../../http/validation.ts';
import type { AnswerInput, FileInput } from './applying.answers.ts';
import type { ApplyInput } from './applying.service.ts';
import type { Question } from './questions.schemas.ts';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FIELD_BYTES = 100 * 1024;
const SCALAR_FIELDS = new Set(['name', 'email', 'phone', 'coverLetterText', 'consent', 'keepForFutureRoles', 'website']);
const ANSWER_FIELD = /^answers\[([^\]]{1,64})\]$/;
const EEO_FIELD = /^equalOpportunity\[([^\]]{1,64})\]$/;

/**
 * The bounds of one form: a résumé, a cover letter and one file per file question; a field per question
 * or chosen option, and one per equal-opportunity question.
 */
export function multipartLimits(questions: readonly Question[], eeoQuestions = 0) {
  const fileQuestions = questions.filter((q) => q.kind === 'file').length;
  const answerFields = questions.reduce((n, q) => n + (q.kind === 'multi_choice' ? q.options.length : 1), 0);
  const files = 2 + fileQuestions;
  const fields = SCALAR_FIELDS.size + answerFields + eeoQuestions;
  return { fileSize: MAX_FILE_BYTES, files, fields, parts: files + fields, fieldSize: MAX_FIELD_BYTES, fieldNameSize: 100, headerPairs: 20 };
}

/** A form refused part-way through reading: what was read before the problem, so a page can show the form again with it. */
export class UnreadableForm extends AppError {
  constructor(error: AppError, readonly partial: ApplyInput) {
    super(error.code, error.detail, error.extras);
  }
}

const reject = (field: string, detail: string): AppError =>
  new AppError('validation-failed', `${field} ${detail}`, { fields: [{ field, detail }] });

/** The plugin's and busboy's errors → ours: its limits are 413s, a body it cannot parse is a client's mistake. */
function translate(err: unknown, currentField: string | null): AppError {
  if (err instanceof AppError) return err;
  const e = err as { statusCode?: number; code?: string; message?: string } | null;
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE') {
    const field = currentField ?? 'file';
    return new AppError('payload-too-large', `The file in ${field} is larger than ${MAX_FILE_BYTES / (1024 * 1024)} MB`, { fields: [{ field, detail: 'is larger than 10 MB' }] });
  }
  if (e?.statusCode === 413) return new AppError('payload-too-large', `The form has more parts than this job's form can hold (${e.message ?? 'limit reached'})`);
  return new AppError('malformed-request', `The multipart body could not be read: ${e?.message ?? 'malformed'}`);
}

/**
 * Reads a multipart application into memory, each file capped at 10 MB as it streams (nothing touches
 * a temporary directory). Fields: name, email, phone, coverLetterText, consent, website (the honeypot);
 * files: resume, coverLetter; answers as `answers[<questionId>]`, repeated for several choices, a file for a file question;
 * voluntary equal-opportunity answers as `equalOpportunity[<questionId>]`; keepForFutureRoles.
 */
export async function readMultipart(request: FastifyRequest, questions: readonly Question[], eeoQuestions = 0): Promise<ApplyInput> {
  const scalars: Record<string, string> = {};
  const answers: Record<string, AnswerInput> = {};
  const equalOpportunity: Record<string, string[]> = {};
  const files: Record<string, FileInput> = {};
  const problems: FieldProblem[] = [];
  let current: string | null = null;
  const read = (): ApplyInput => ({
    name: scalars.name, email: scalars.email, phone: scalars.phone, coverLetterText: scalars.coverLetterText,
    consent: scalars.consent, keepForFutureRoles: scalars.keepForFutureRoles, website: scalars.website, resume: files.resume, coverLetter: files.coverLetter,
    answers, equalOpportunity,
  });
  try {
    for await (const part of request.parts({ limits: multipartLimits(questions, eeoQuestions) })) {
      const answerId = ANSWER_FIELD.exec(part.fieldname)?.[1];
      const eeoId = EEO_FIELD.exec(part.fieldname)?.[1];
      const field = answerId !== undefined ? `answers.${answerId}` : eeoId !== undefined ? `equalOpportunity.${eeoId}` : part.fieldname;
      current = field;
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // A browser sends an untouched file input as an empty part with no file name: no file, not an empty one.
        if (bytes.length === 0 && !part.filename) continue;
        if (eeoId !== undefined) throw reject(field, 'must be one of the choices, not a file');
        if (answerId === undefined && part.fieldname !== 'resume' && part.fieldname !== 'coverLetter') throw reject(field, 'is not a field of this form');
        if (files[field] !== undefined || answers[answerId ?? ''] !== undefined) throw reject(field, 'is given twice');
        const file = { fileName: part.filename, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
        if (answerId !== undefined) answers[answerId] = file;
        else files[field] = file;
        continue;
      }
      if (part.valueTruncated) throw reject(field, `is longer than ${MAX_FIELD_BYTES / 1024} KB`);
      const value = typeof part.value === 'string' ? part.value : String(part.value);
      const bad = findBadText(value);
      if (bad) problems.push({ field, detail: bad.detail });
      if (eeoId !== undefined) {
        // Repeats are kept, so the check can say that a question takes one choice.
        (equalOpportunity[eeoId] ??= []).push(value);
      } else if (answerId !== undefined) {
        const previous = answers[answerId];
        if (previous !== undefined && typeof previous !== 'string' && !Array.isArray(previous)) throw reject(field, 'is given twice');
        // A repeated answer field is a list (several choices); the question's kind decides whether a list is allowed.
        answers[answerId] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous as string]), value];
      } else if (part.fieldname === 'resume' || part.fieldname === 'coverLetter') {
        throw reject(field, 'must be a file');
      } else if (!SCALAR_FIELDS.has(part.fieldname)) {
        throw reject(field, 'is not a field of this form');
      } else if (scalars[part.fieldname] !== undefined) {
        throw reject(field, 'is given twice');
      } else {
        scalars[part.fieldname] = value;
      }
    }
  } catch (err) {
    throw new UnreadableForm(translate(err, current), read());
  }
  if (problems.length > 0) throw new UnreadableForm(new AppError('validation-failed', 'Some fields hold text that cannot be stored', { fields: problems }), read());
  return read();
}
