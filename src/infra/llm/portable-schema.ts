import type { TSchema } from 'typebox';
import type { JsonSchema } from './llm.port.ts';
import { isObject } from './wire-json.ts';

/**
 * Keywords strict structured-output modes refuse or ignore (OpenAI strict mode rejects length and
 * numeric bounds on some models; llama.cpp's grammar converter skips others). The full schema is
 * still checked on our side, so dropping them here loses nothing.
 */
const droppedKeywords = new Set([
  'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'pattern', 'format', 'minItems', 'maxItems', 'uniqueItems', '$id', 'default', 'examples',
]);

function portable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(portable);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (droppedKeywords.has(key)) continue;
    out[key] = key === 'properties' && isObject(value)
      ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, portable(schema)]))
      : portable(value);
  }
  // The common subset every provider accepts: each object closed, each property required (nullable, not optional).
  if (out.type === 'object' && isObject(out.properties)) {
    out.required = Object.keys(out.properties);
    out.additionalProperties = false;
  }
  return out;
}

/** The schema as plain JSON in the subset of JSON Schema that every supported provider's structured mode takes. */
export function portableSchema(schema: TSchema): JsonSchema {
  const plain: unknown = JSON.parse(JSON.stringify(schema));
  const result = portable(plain);
  if (!isObject(result)) throw new Error('a structured answer must be described by an object schema');
  return result;
}
