import type { TSchema } from 'typebox';

/**
 * One kind of domain event: its type, the version of its payload, and the payload's TypeBox schema.
 * A change a consumer could notice (a field removed or renamed) is a new version, never an edit.
 * Modules declare theirs in `<module>.events.ts` with `satisfies readonly EventDefinition[]`
 * (a type-only import, so declaring events never makes a module load the events module).
 */
export interface EventDefinition {
  readonly type: `${string}.${string}`;
  readonly version: number;
  readonly description: string;
  readonly payload: TSchema;
}
