import { readFileSync } from 'node:fs';
import { Liquid, LiquidError, type Template } from 'liquidjs';
import { templateKeys, type TemplateKey } from './mail.catalogue.ts';

export type TemplatePart = 'subject' | 'text' | 'html';
export const templateParts: readonly TemplatePart[] = ['subject', 'text', 'html'];

export interface TemplateSource {
  subject: string;
  text: string;
  html: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A template that does not parse or render with its variables: which part, and Liquid's message (with line and column). */
export class TemplateError extends Error {
  constructor(readonly part: TemplatePart, message: string) {
    super(message);
  }
}

// Templates come from org admins: no file access (includes resolve against an empty map), no undefined
// variable or filter passes silently, and bounded work, so a template cannot read the disk or spin.
const limits = { strictVariables: true, strictFilters: true, ownPropertyOnly: true, templates: {}, parseLimit: 100_000, renderLimit: 1_000, memoryLimit: 10_000_000 };
/** The html part escapes every output unless a template says `| raw`; subject and text are plain text. */
const htmlEngine = new Liquid({ ...limits, outputEscape: 'escape' });
const textEngine = new Liquid(limits);

const engineFor = (part: TemplatePart): Liquid => (part === 'html' ? htmlEngine : textEngine);

type Parsed = Record<TemplatePart, Template[]>;

function parse(source: TemplateSource): Parsed {
  const parsed: Partial<Parsed> = {};
  for (const part of templateParts) {
    try {
      parsed[part] = engineFor(part).parse(source[part]);
    } catch (err) {
      throw new TemplateError(part, err instanceof LiquidError ? err.message : String(err));
    }
  }
  return parsed as Parsed;
}

async function renderParsed(parsed: Parsed, data: Record<string, unknown>): Promise<RenderedMail> {
  const out: Partial<RenderedMail> = {};
  for (const part of templateParts) {
    try {
      out[part] = String(await engineFor(part).render(parsed[part], data));
    } catch (err) {
      throw new TemplateError(part, err instanceof LiquidError ? err.message : String(err));
    }
  }
  // A subject is one line, whatever the template or a variable holds.
  return { ...(out as RenderedMail), subject: (out.subject ?? '').replace(/\s+/g, ' ').trim() };
}

// Parsed templates by their text: the defaults and the few overrides in use are parsed once, not per message.
const parsedCache = new Map<string, Parsed>();
const PARSED_CACHE_MAX = 500;

function parseOnce(source: TemplateSource): Parsed {
  const key = `${source.subject}\u0000${source.text}\u0000${source.html}`;
  let parsed = parsedCache.get(key);
  if (!parsed) {
    parsed = parse(source);
    if (parsedCache.size >= PARSED_CACHE_MAX) parsedCache.clear();
    parsedCache.set(key, parsed);
  }
  return parsed;
}

/** Parses and renders a template; throws TemplateError naming the part at fault. */
export const render = (source: TemplateSource, data: Record<string, unknown>): Promise<RenderedMail> => renderParsed(parseOnce(source), data);

const defaultsDir = new URL('../../../data/email-templates/', import.meta.url);

/** The shipped defaults, read once at start. */
export const defaultTemplates: Record<TemplateKey, TemplateSource> = Object.fromEntries(templateKeys.map((key) => [key, {
  subject: readFileSync(new URL(`${key}/subject.liquid`, defaultsDir), 'utf8'),
  text: readFileSync(new URL(`${key}/text.liquid`, defaultsDir), 'utf8'),
  html: readFileSync(new URL(`${key}/html.liquid`, defaultsDir), 'utf8'),
}])) as Record<TemplateKey, TemplateSource>;
