import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../errors.js';
import { ROLES, type Role } from '../users/user.entity.js';
import { APP_VISIBILITIES, PROVIDERS, type App, type AppVisibility, type Provider } from './app.entity.js';
import { PROVIDER_OPTION_SCHEMAS } from './provider-settings.js';
import { parseRuntimeManifest, type RuntimeManifest } from './runtime-manifest.js';

/**
 * What `createApp` and `updateApp` carry. For an update, an absent field (undefined) stays as it
 * is; null clears the fields that may be empty (system prompt, image, runtime manifest).
 */
export interface AppInput {
  slug?: string | null;
  name?: string | null;
  description?: string | null;
  provider?: Provider | null;
  model?: string | null;
  systemPrompt?: string | null;
  image?: string | null;
  options?: unknown;
  visibility?: AppVisibility | null;
  roles?: readonly Role[] | null;
  /** User ids. */
  members?: readonly string[] | null;
  enabled?: boolean | null;
  runtimeManifest?: unknown;
}

/** An app's settings, as stored. */
export interface AppFields {
  name: string;
  description: string;
  provider: Provider;
  model: string;
  systemPrompt: string | null;
  image: string | null;
  options: Record<string, unknown>;
  visibility: AppVisibility;
  roles: Role[];
  members: string[];
  enabled: boolean;
  runtimeManifest: RuntimeManifest | null;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** A Docker image reference ([registry[:port]/]name[:tag][@digest]); the engine checks the rest. */
const IMAGE = /^[a-zA-Z0-9][a-zA-Z0-9._:/@+-]*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const scalars = {
  slug: z.string().regex(SLUG, 'must be 1 to 63 lowercase letters, digits and dashes, e.g. "team-claude"'),
  name: z.string().trim().min(1, 'must not be empty').max(100),
  description: z.string().trim().max(2_000),
  provider: z.enum(PROVIDERS),
  model: z.string().trim().min(1, 'must not be empty').max(200),
  systemPrompt: z.string().max(100_000),
  image: z
    .string()
    .trim()
    .max(255)
    .regex(IMAGE, 'must be an image reference such as "node:22" or "registry.example.com/team/image:tag"'),
  visibility: z.enum(APP_VISIBILITIES),
  roles: z.array(z.enum(ROLES)).max(ROLES.length * 2),
  members: z.array(z.string().regex(UUID, 'must be a user id')).max(1_000),
  enabled: z.boolean(),
};

type ScalarKey = keyof typeof scalars;

/** Fields that may be cleared with null; the others must have a value when given. */
const CLEARABLE = new Set<keyof AppInput>(['systemPrompt', 'image', 'runtimeManifest']);

/** A new app's settings and slug, with defaults filled in, or a ValidationError naming every bad field. */
export function validateNewApp(input: AppInput): AppFields & { slug: string } {
  const issues: FieldIssue[] = [];
  for (const key of ['name', 'provider', 'model'] as const) {
    if (input[key] == null) issues.push({ path: [key], message: 'is required' });
  }
  const given = checkGiven(input, issues);
  const slug = input.slug == null ? slugify(given.name ?? '') : given.slug;
  if (input.slug == null && given.name !== undefined && !SLUG.test(slug ?? ''))
    issues.push({ path: ['slug'], message: 'could not be derived from the name: give one' });
  if (given.provider !== undefined) issues.push(...optionIssues(given.provider, input.options ?? {}));
  if (issues.length > 0) throw refused(issues);
  return {
    slug: slug!,
    name: given.name!,
    description: given.description ?? '',
    provider: given.provider!,
    model: given.model!,
    systemPrompt: emptyToNull(given.systemPrompt),
    image: emptyToNull(given.image),
    options: (input.options ?? {}) as Record<string, unknown>,
    visibility: given.visibility ?? 'PUBLIC',
    roles: unique(given.roles ?? []),
    members: unique(given.members ?? []),
    enabled: given.enabled ?? true,
    runtimeManifest: given.runtimeManifest ?? null,
  };
}

/** The changes an update makes to `current`, validated; what is not given is not returned. */
export function validateAppChanges(current: App, input: AppInput): Partial<AppFields> {
  const issues: FieldIssue[] = [];
  if (input.slug !== undefined)
    issues.push({ path: ['slug'], message: 'cannot be changed: it is the stable name of the app' });
  const given = checkGiven(input, issues);
  if (input.options !== undefined || given.provider !== undefined) {
    const provider = given.provider ?? current.provider;
    const fresh = optionIssues(provider, input.options === undefined ? current.options : input.options);
    if (input.options === undefined && fresh.length > 0) {
      issues.push({
        path: ['options'],
        message: `the app's current options do not fit the ${provider} provider (${fresh.map((issue) => issue.message).join('; ')}): send options with the provider`,
      });
    } else issues.push(...fresh);
  }
  if (issues.length > 0) throw refused(issues);
  const changes: Partial<AppFields> = {};
  if (given.name !== undefined) changes.name = given.name;
  if (given.description !== undefined) changes.description = given.description;
  if (given.provider !== undefined) changes.provider = given.provider;
  if (given.model !== undefined) changes.model = given.model;
  if (input.systemPrompt !== undefined) changes.systemPrompt = emptyToNull(given.systemPrompt);
  if (input.image !== undefined) changes.image = emptyToNull(given.image);
  if (input.options !== undefined) changes.options = input.options as Record<string, unknown>;
  if (given.visibility !== undefined) changes.visibility = given.visibility;
  if (given.roles !== undefined) changes.roles = unique(given.roles);
  if (given.members !== undefined) changes.members = unique(given.members);
  if (given.enabled !== undefined) changes.enabled = given.enabled;
  if (input.runtimeManifest !== undefined) changes.runtimeManifest = given.runtimeManifest ?? null;
  return changes;
}

type Given = { [K in ScalarKey]?: z.output<(typeof scalars)[K]> } & { runtimeManifest?: RuntimeManifest };

/** Parses every field that has a value; null where null is not allowed is an issue. */
function checkGiven(input: AppInput, issues: FieldIssue[]): Given {
  const given: Given = {};
  for (const key of Object.keys(scalars) as ScalarKey[]) {
    const value = input[key];
    if (value === undefined) continue;
    if (value === null) {
      if (!CLEARABLE.has(key) && key !== 'slug') issues.push({ path: [key], message: 'must not be null' });
      continue;
    }
    const result = scalars[key].safeParse(value);
    if (result.success) (given as Record<string, unknown>)[key] = result.data;
    else
      issues.push(
        ...result.error.issues.map((issue) => ({
          path: [key, ...issue.path.map(String)],
          message: issue.message,
        })),
      );
  }
  if (input.options === null)
    issues.push({ path: ['options'], message: 'must not be null; send {} for none' });
  if (input.runtimeManifest != null) {
    try {
      given.runtimeManifest = parseRuntimeManifest(input.runtimeManifest);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.fieldErrors);
    }
  }
  return given;
}

/** Provider options checked with the provider's schema (PR3), as field errors under `options`. */
export function optionIssues(provider: Provider, options: unknown): FieldIssue[] {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    return [{ path: ['options'], message: 'must be an object' }];
  const result = PROVIDER_OPTION_SCHEMAS[provider].safeParse(options);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({
        path: ['options', ...issue.path.map(String)],
        message: issue.message,
      }));
}

/** "Team Claude (beta)" -> "team-claude-beta". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // the accents NFKD split off their letters
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

function refused(issues: FieldIssue[]): ValidationError {
  const first = issues[0]!;
  return new ValidationError(
    `the app was not saved: ${first.path.join('.')} ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    issues,
  );
}

function emptyToNull(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
