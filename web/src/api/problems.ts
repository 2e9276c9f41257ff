/** A refusal from the API, carrying the problem+json `detail` to show the user. */
export class ApiProblem extends Error {
  constructor(readonly status: number, detail: string, readonly code: string | null = null) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

const field = (value: unknown, name: string): string | null => {
  if (typeof value !== 'object' || value === null || !(name in value)) return null;
  const found = (value as Record<string, unknown>)[name];
  return typeof found === 'string' ? found : null;
};

/** The problem's `detail` (RFC 9457), or the status line when the answer was not a problem document. */
export function problemOf(error: unknown, response: Response): ApiProblem {
  const detail = field(error, 'detail') ?? `The server answered ${response.status} ${response.statusText}`.trim();
  return new ApiProblem(response.status, detail, field(error, 'code'));
}

/** The data of an openapi-fetch answer, or throws its problem. */
export function dataOf<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || result.data === undefined) throw problemOf(result.error, result.response);
  return result.data;
}

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : 'Something went wrong';
