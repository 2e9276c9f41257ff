import type { preValidationHookHandler } from 'fastify';
import type { TObject, TSchema } from 'typebox';

/** The string values a property schema allows when it is an enum or a union of string literals; else null. */
function allowedStrings(schema: TSchema): string[] | null {
  const s = schema as { enum?: unknown[]; anyOf?: { const?: unknown }[] };
  const values = s.enum ?? s.anyOf?.map((branch) => branch.const);
  return values && values.every((v): v is string => typeof v === 'string') ? values : null;
}

/**
 * A preValidation hook that rewrites each enum-valued query parameter given in any letter case to
 * its canonical spelling (`workplace=Remote` → `remote`), read from the querystring schema itself, so
 * every enum filter gets it and a new one needs no code. Anything else is left for validation, so an
 * unknown value is still a 400 naming the allowed values.
 */
export function foldEnumCase(querystring: TObject): preValidationHookHandler {
  const canonical = new Map<string, Map<string, string>>();
  for (const [name, property] of Object.entries(querystring.properties)) {
    const values = allowedStrings(property);
    if (!values) continue;
    const byFolded = new Map(values.map((v) => [v.toLowerCase(), v]));
    // Values differing only in case would be ambiguous; such a parameter stays exact.
    if (byFolded.size === values.length) canonical.set(name, byFolded);
  }
  return (request, _reply, done) => {
    const query = request.query as Record<string, unknown>;
    for (const [name, byFolded] of canonical) {
      const value = query[name];
      if (typeof value === 'string') query[name] = byFolded.get(value.toLowerCase()) ?? value;
    }
    done();
  };
}

/** The same schema, its OpenAPI description saying that foldEnumCase accepts any letter case. */
export function anyCase<T extends TSchema>(schema: T): T {
  const { description } = schema as { description?: string };
  return { ...schema, description: `${description ? `${description}. ` : ''}Any letter case is accepted.` };
}
