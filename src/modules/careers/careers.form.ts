import type { AppError } from '../../app-error.ts';
import type { ApplyInput } from '../recruiting/index.ts';

/** What the apply form shows: the values to fill back in (by input name), errors by input name, and a message above it all. */
export interface FormState {
  values: Readonly<Record<string, string | readonly string[]>>;
  errors: ReadonlyMap<string, string>;
  /** A problem with the application as a whole (already applied, closed, too many tries), shown in the summary. */
  message: string | null;
  /** Whether the candidate had chosen files: a browser cannot be told to keep them, so the summary asks for them again. */
  hadFiles: boolean;
}

export const emptyForm: FormState = { values: {}, errors: new Map(), message: null, hadFiles: false };

/** The service names fields as paths ('answers.qst_1'); the form names inputs as the multipart reader reads them ('answers[qst_1]'). */
export function inputName(field: string): string {
  const [head, id] = field.split('.', 3);
  if ((head === 'answers' || head === 'equalOpportunity') && id !== undefined) return `${head}[${id}]`;
  return head ?? field;
}

/** An input's element id: its name with anything an id should not hold replaced. */
export const inputId = (name: string): string => `f-${name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;

const asText = (value: unknown): string | readonly string[] | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as readonly string[];
  return undefined; // a file: its bytes are not sent back
};

/** The typed values of an application as read, by input name, ready to fill the form again. */
export function valuesOf(input: ApplyInput): Record<string, string | readonly string[]> {
  const values: Record<string, string | readonly string[]> = {};
  const scalars = {
    name: input.name, email: input.email, phone: input.phone, coverLetterText: input.coverLetterText,
    consent: input.consent, keepForFutureRoles: input.keepForFutureRoles,
  };
  for (const [name, value] of Object.entries(scalars)) {
    const text = asText(value);
    if (text !== undefined) values[name] = text;
  }
  for (const [id, value] of Object.entries(input.answers)) {
    const text = asText(value);
    if (text !== undefined) values[`answers[${id}]`] = text;
  }
  for (const [id, value] of Object.entries(input.equalOpportunity ?? {})) {
    const text = asText(value);
    if (text !== undefined) values[`equalOpportunity[${id}]`] = text;
  }
  return values;
}

export const hadFiles = (input: ApplyInput): boolean =>
  Boolean(input.resume || input.coverLetter || Object.values(input.answers).some((a) => typeof a === 'object' && a !== null && 'bytes' in a));

/** The service's refusal as the form shows it: each field problem on its input; the rest as the message. */
export function stateFromError(error: AppError, input: ApplyInput | null): FormState {
  const errors = new Map<string, string>();
  for (const { field, detail } of error.extras.fields ?? []) {
    const name = inputName(field);
    if (!errors.has(name)) errors.set(name, detail);
  }
  const messages: Partial<Record<AppError['code'], string>> = {
    'already-applied': 'You have already applied to this job with this email address. The team has your application and will be in touch.',
    'job-closed': 'This job stopped accepting applications while you were filling in the form.',
    'rate-limited': 'Too many applications have been sent from your network in the last minute. Please wait a minute and send the form again.',
    'idempotency-key-reused': 'This form was already sent with different answers. Reload the page to apply again.',
    'idempotency-key-in-flight': 'Your application is still being sent. Please wait a moment and check again.',
    'payload-too-large': 'A file is too large: each file may be at most 10 MB.',
  };
  // The spam trap is hidden from people, so its error is said in words, not pinned to an input they cannot see.
  const trapped = errors.delete('website');
  const message = trapped
    ? 'Your application could not be sent. If you filled in the field labelled "Leave this empty", please clear it.'
    : errors.size > 0 && error.code === 'validation-failed' ? null : (messages[error.code] ?? error.detail);
  // A file too large was chosen but never read, so it is not among the input's files.
  return { values: input ? valuesOf(input) : {}, errors, message, hadFiles: error.code === 'payload-too-large' || (input ? hadFiles(input) : true) };
}
