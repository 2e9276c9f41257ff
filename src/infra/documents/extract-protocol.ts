import type { DocumentKind } from './detect.ts';

/** What the main thread and the extraction worker say to each other (kept apart so neither loads the other). */
export type ExtractFailure = 'encrypted' | 'corrupt' | 'no-text' | 'too-large' | 'timeout';
export type ExtractResult = { ok: true; text: string } | { ok: false; reason: ExtractFailure };

export interface ExtractRequest {
  id: number;
  bytes: Uint8Array;
  kind: DocumentKind;
  maxChars: number;
}

export interface ExtractResponse {
  id: number;
  result: ExtractResult;
}

/** Set in workerData, so importing the worker's module anywhere else attaches nothing. */
export const EXTRACTOR_ROLE = 'hireline-text-extractor';
