import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { UserSchema } from '../users/user.entity.js';
import type { RuntimeManifest } from './runtime-manifest.js';

export const PROVIDERS = ['CLAUDE_CODE', 'CODEX_CLI', 'OPENCODE', 'SCRIPTED'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const APP_VISIBILITIES = ['PUBLIC', 'ROLES', 'MEMBERS'] as const;
export type AppVisibility = (typeof APP_VISIBILITIES)[number];

/** An agent profile: which agent, which model, how it is told to behave, and who may use it. */
export const AppSchema = defineEntity({
  name: 'App',
  tableName: 'app',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    slug: p.string().unique(),
    name: p.string(),
    description: p.text().default(''),
    provider: p.enum(PROVIDERS),
    model: p.string(),
    systemPrompt: p.text().nullable(),
    /** Container image for the app's sessions; null uses the platform's session image. */
    image: p.string().nullable(),
    /** Provider options (permission mode, allowed tools, ...), validated per provider. */
    options: p
      .json<Record<string, unknown>>()
      .defaultRaw(`'{}'`)
      .onCreate(() => ({})),
    /** Seed files, mount points, cleanup rules, required and protected paths (WS4); null: none. */
    runtimeManifest: p.json<RuntimeManifest>().nullable(),
    visibility: p.enum(APP_VISIBILITIES).default('PUBLIC'),
    /** Roles that may use the app when visibility is ROLES. */
    roles: p
      .json<string[]>()
      .defaultRaw(`'[]'`)
      .onCreate(() => []),
    /** User ids that may use the app when visibility is MEMBERS. */
    members: p
      .json<string[]>()
      .defaultRaw(`'[]'`)
      .onCreate(() => []),
    enabled: p.boolean().default(true),
    createdBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type App = InferEntity<typeof AppSchema>;
