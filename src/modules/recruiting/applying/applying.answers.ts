import type { FieldProblem } from '../../../app-error.ts';
import type { Question } from './questions.schemas.ts';

/** A file as the request carried it: the bytes are checked (by content) when they are prepared. */
export interface FileInput {
  fileName: string;
  bytes: Uint8Array;
}
/** An answer as the request gave it: multipart gives strings (repeated for several choices) and files; JSON gives typed values. */
export type AnswerInput = string | boolean | readonly string[] | FileInput;
/** A checked answer, before files are stored (a file answer becomes `{ attachmentId }` then). */
export type CheckedAnswer = string | boolean | string[];

export const MAX_SHORT_TEXT = 1_000;
export const MAX_LONG_TEXT = 20_000;

export const isFile = (value: AnswerInput | undefined): value is FileInput =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'bytes' in value;

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false };

/** An empty field (an untouched text box, an unchecked choice) is no answer, as a browser form sends it. */
function isBlank(value: AnswerInput | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every((v) => v.trim() === '');
  return false;
}

type Outcome = { value: CheckedAnswer } | { file: FileInput } | { problem: string };

function checkOne(question: Question, raw: AnswerInput): Outcome {
  const strings = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((v) => v.trim() !== '') : null;
  switch (question.kind) {
    case 'short_text':
    case 'long_text': {
      const max = question.kind === 'short_text' ? MAX_SHORT_TEXT : MAX_LONG_TEXT;
      if (typeof raw !== 'string') return { problem: 'must be text' };
      const text = raw.trim();
      return text.length > max ? { problem: `must be at most ${max} characters` } : { value: text };
    }
    case 'yes_no': {
      if (typeof raw === 'boolean') return { value: raw };
      const word = typeof raw === 'string' ? BOOLEAN_WORDS[raw.trim().toLowerCase()] : undefined;
      return word === undefined ? { problem: 'must be true or false' } : { value: word };
    }
    case 'single_choice': {
      if (strings === null || strings.length !== 1) return { problem: 'must be one of the options' };
      const choice = strings[0]?.trim() ?? '';
      return question.options.includes(choice) ? { value: choice } : { problem: `"${choice.slice(0, 100)}" is not one of the options` };
    }
    case 'multi_choice': {
      if (strings === null) return { problem: 'must be a list of options' };
      const choices = [...new Set(strings.map((s) => s.trim()))];
      const unknown = choices.find((c) => !question.options.includes(c));
      if (unknown !== undefined) return { problem: `"${unknown.slice(0, 100)}" is not one of the options` };
      // In the order the question lists them, so the same choices always read (and hash) the same.
      return { value: question.options.filter((o) => choices.includes(o)) };
    }
    case 'file':
      return isFile(raw) ? { file: raw } : { problem: 'must be a file' };
  }
}

/**
 * Checks answers against the job's questions: every required one answered, no unknown question,
 * each value of its question's kind and, for choices, one of its options. Problems name `answers.<id>`.
 */
export function checkAnswers(questions: readonly Question[], answers: Readonly<Record<string, AnswerInput>>): {
  values: Record<string, CheckedAnswer>;
  files: { questionId: string; file: FileInput }[];
  problems: FieldProblem[];
} {
  const values: Record<string, CheckedAnswer> = {};
  const files: { questionId: string; file: FileInput }[] = [];
  const problems: FieldProblem[] = [];
  const known = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ field: `answers.${id}`, detail: 'is not a question of this job' });
  }
  for (const question of questions) {
    const raw = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
    if (raw === undefined || isBlank(raw)) {
      if (question.required) problems.push({ field: `answers.${question.id}`, detail: `is required: ${question.label.slice(0, 100)}` });
      continue;
    }
    const outcome = checkOne(question, raw);
    if ('problem' in outcome) problems.push({ field: `answers.${question.id}`, detail: outcome.problem });
    else if ('file' in outcome) files.push({ questionId: question.id, file: outcome.file });
    else values[question.id] = outcome.value;
  }
  return { values, files, problems };
}
