import { resolveArrayConnection } from '@pothos/plugin-relay';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../server/src/errors.js';
import type { AppInput } from '../../../server/src/modules/apps/app-input.js';
import { AppSchema, PROVIDERS, type App } from '../../../server/src/modules/apps/app.entity.js';
import { CAPABILITIES } from '../../../server/src/modules/apps/capabilities.js';
import {
  precheckApp,
  type Precheck,
  type PrecheckItem,
} from '../../../server/src/modules/apps/provider-precheck.js';
import { appCapabilities } from '../../../server/src/modules/apps/provider-settings.js';
import { builder } from '../builder.js';
import { isEntity } from '../entity-type.js';
import { decodeId, tryDecodeId } from '../global-id.js';
import { viewerOf } from '../viewer.js';
import { describedValues } from '../described-values.js';
import { RuntimeManifestInput, RuntimeManifestRef, runtimeManifestFromInput } from './runtime-manifest.js';
import { RoleEnum, UserRef } from './user.js';

export const ProviderEnum = builder.enumType('Provider', {
  description: 'The agent an app runs.',
  values: describedValues(PROVIDERS, {
    CLAUDE_CODE: "Anthropic's Claude Code CLI.",
    CODEX_CLI: "OpenAI's Codex CLI.",
    OPENCODE: 'OpenCode, with any OpenAI-compatible model endpoint.',
    SCRIPTED:
      'A deterministic agent that plays a script from the message, without a model: for demos and tests.',
  }),
});

export const CapabilityEnum = builder.enumType('Capability', {
  description: 'Something a provider can do; runs that need a missing capability are blocked or downgraded.',
  values: describedValues(CAPABILITIES, {
    TEXT_STREAMING: 'Streams its answer as it writes it.',
    REASONING: "Shows the model's reasoning.",
    TOOLS: 'Calls tools (shell, files, ...), shown as tool-call events.',
    TODOS: 'Keeps a todo list that the platform shows and streams.',
    HUMAN_LOOP: 'Asks questions and for permission, and waits for the answer.',
    RESUME: 'Continues its own conversation on the next message, even after the container was removed.',
    USAGE: 'Reports the tokens it used.',
  }),
});

export const AppVisibilityEnum = builder.enumType('AppVisibility', {
  description: 'Who sees an app in the app store; admins see every app.',
  values: {
    PUBLIC: { description: 'Everyone.' },
    ROLES: { description: 'Users with one of the roles in `roles`.' },
    MEMBERS: { description: 'The users in `members`.' },
  } as const,
});

const PrecheckItemRef = builder.objectRef<PrecheckItem>('PrecheckItem').implement({
  description: 'One diagnostic of a provider precheck.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'options, cli, endpoint, credentials or reachable.' }),
    ok: t.exposeBoolean('ok', { description: 'Whether this check passed.' }),
    detail: t.exposeString('detail', { description: 'What was found, or what to change.' }),
  }),
});

const PrecheckRef = builder.objectRef<Precheck>('ProviderPrecheck').implement({
  description:
    "Whether an app's runs can start: CLI present and its version, options, endpoint, credentials.",
  fields: (t) => ({
    ok: t.exposeBoolean('ok', { description: 'True when every check passed.' }),
    checks: t.field({
      type: [PrecheckItemRef],
      description: 'Each check, passed or not.',
      resolve: (precheck) => precheck.checks,
    }),
  }),
});

export const AppRef = builder.node(builder.objectRef<App>('App'), {
  description: 'An agent profile: provider, model and settings that sessions are started from.',
  id: { resolve: (app) => app.id },
  isTypeOf: isEntity(AppSchema),
  loadOne: async (id, context) => {
    const viewer = context.viewer;
    if (!viewer) return null;
    return context.services.apps.getVisible(viewer, id).catch(() => null);
  },
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Shown in the app store.' }),
    slug: t.exposeString('slug', { description: 'Stable short name, unique per deployment.' }),
    description: t.exposeString('description', { description: 'What the app is for; may be empty.' }),
    provider: t.field({
      type: ProviderEnum,
      description: 'The agent it runs.',
      resolve: (app) => app.provider,
    }),
    model: t.exposeString('model', { description: "The provider's model name." }),
    systemPrompt: t.exposeString('systemPrompt', {
      nullable: true,
      description: "Instructions given to the agent with every run; null: the provider's own.",
    }),
    image: t.exposeString('image', {
      nullable: true,
      description: "Container image of the app's sessions; null: the platform's session image.",
    }),
    options: t.field({
      type: 'JSON',
      description: 'Provider options (permission mode, allowed tools, ...), validated per provider.',
      resolve: (app) => app.options,
    }),
    visibility: t.field({
      type: AppVisibilityEnum,
      description: 'Who sees the app in the app store.',
      resolve: (app) => app.visibility,
    }),
    roles: t.field({
      type: [RoleEnum],
      description: 'Roles that see the app when visibility is ROLES.',
      resolve: (app) => app.roles.filter((role) => role === 'ADMIN' || role === 'MEMBER'),
    }),
    members: t.field({
      type: [UserRef],
      description:
        'Users who see the app when visibility is MEMBERS. Admins get the whole list, anyone else only themselves.',
      resolve: async (app, _args, context) => {
        const viewer = viewerOf(context);
        const ids = viewer.role === 'ADMIN' ? app.members : app.members.filter((id) => id === viewer.id);
        return ids.length ? context.services.users.findByIds(ids) : [];
      },
    }),
    enabled: t.exposeBoolean('enabled', { description: 'Disabled apps take no new sessions.' }),
    runtimeManifest: t.field({
      type: RuntimeManifestRef,
      nullable: true,
      description: "What the app's sessions get in their workspace beyond the image (WS4); null: nothing.",
      resolve: (app) => app.runtimeManifest ?? null,
    }),
    canUse: t.boolean({
      description: 'Whether you may start sessions on this app.',
      resolve: (app, _args, context) => context.services.apps.canUse(viewerOf(context), app),
    }),
    capabilities: t.field({
      type: [CapabilityEnum],
      description: "What the app's agent can do; a run that needs something else is blocked or downgraded.",
      resolve: (app) => appCapabilities(app),
    }),
    precheck: t.field({
      type: PrecheckRef,
      description: 'Diagnostics before a run starts (PR7); checked from the server. Never shows a key.',
      resolve: (app, _args, context) =>
        precheckApp(app, context.services.config.agents, context.services.runtime.kind),
    }),
  }),
});

builder.queryField('apps', (t) =>
  t.connection(
    {
      type: AppRef,
      description: 'The apps you may see, by name.',
      resolve: async (_root, args, context) =>
        resolveArrayConnection({ args }, await context.services.apps.listVisible(viewerOf(context))),
    },
    { name: 'AppConnection', description: 'A page of apps.' },
    { name: 'AppEdge', description: 'An app in a page, with its cursor.' },
  ),
);

const AppPayload = builder.objectRef<{ app: App }>('AppPayload').implement({
  description: 'The app a mutation created or changed.',
  fields: (t) => ({
    app: t.field({ type: AppRef, description: 'The app as it is now.', resolve: (payload) => payload.app }),
  }),
});

const CreateAppInput = builder.inputType('CreateAppInput', {
  description: 'A new app.',
  fields: (t) => ({
    slug: t.string({ description: 'Stable short name (a-z, 0-9, -); derived from the name when omitted.' }),
    name: t.string({ required: true, description: 'Shown in the app store; 1 to 100 characters.' }),
    description: t.string({ description: 'What the app is for.' }),
    provider: t.field({ type: ProviderEnum, required: true, description: 'The agent the app runs.' }),
    model: t.string({ required: true, description: "The provider's model name." }),
    systemPrompt: t.string({ description: 'Instructions given to the agent with every run.' }),
    image: t.string({ description: "Container image; omit for the platform's session image." }),
    options: t.field({
      type: 'JSON',
      description: "Provider options, checked against the provider's settings.",
    }),
    visibility: t.field({ type: AppVisibilityEnum, description: 'Who sees the app; default PUBLIC.' }),
    roles: t.field({ type: [RoleEnum], description: 'Roles that see the app when visibility is ROLES.' }),
    members: t.idList({ description: 'Ids of the users who see the app when visibility is MEMBERS.' }),
    enabled: t.boolean({ description: 'Whether it takes new sessions; default true.' }),
    runtimeManifest: t.field({
      type: RuntimeManifestInput,
      description: "What the app's sessions get in their workspace beyond the image.",
    }),
  }),
});

const UpdateAppInput = builder.inputType('UpdateAppInput', {
  description: 'Only the fields given change; null clears systemPrompt, image and runtimeManifest.',
  fields: (t) => ({
    appId: t.id({ required: true, description: 'The app to change.' }),
    name: t.string({ description: 'Shown in the app store; 1 to 100 characters.' }),
    description: t.string({ description: 'What the app is for.' }),
    provider: t.field({ type: ProviderEnum, description: 'A new provider needs options that fit it.' }),
    model: t.string({ description: "The provider's model name." }),
    systemPrompt: t.string({
      description: 'Instructions given to the agent with every run; null clears them.',
    }),
    image: t.string({ description: "Container image; null: the platform's session image." }),
    options: t.field({
      type: 'JSON',
      description: "Provider options; replace the app's options as a whole.",
    }),
    visibility: t.field({ type: AppVisibilityEnum, description: 'Who sees the app.' }),
    roles: t.field({ type: [RoleEnum], description: 'Roles that see the app when visibility is ROLES.' }),
    members: t.idList({ description: 'Ids of the users who see the app when visibility is MEMBERS.' }),
    enabled: t.boolean({ description: 'Whether it takes new sessions.' }),
    runtimeManifest: t.field({
      type: RuntimeManifestInput,
      description: 'Replaces the whole manifest; applied to containers created from now on.',
    }),
  }),
});

/**
 * The GraphQL input as the service reads it: global user ids decoded, absent fields left out. An id
 * that is not a User's stays as given, for the service to refuse after it checked who asks.
 */
function appInput(
  input: Omit<typeof UpdateAppInput.$inferInput, 'appId'> & { slug?: string | null },
): AppInput {
  const fields: AppInput = { ...input, runtimeManifest: runtimeManifestFromInput(input.runtimeManifest) };
  if (input.runtimeManifest === undefined) delete fields.runtimeManifest;
  if (input.members != null)
    fields.members = input.members.map((id) => tryDecodeId('User', String(id)) ?? String(id));
  return fields;
}

builder.mutationField('createApp', (t) =>
  t.field({
    type: AppPayload,
    description: 'Adds an app (admins only). Nothing is created when any field is refused.',
    args: { input: t.arg({ type: CreateAppInput, required: true, description: 'The new app.' }) },
    errors: {
      types: [ValidationError, ForbiddenError],
      directResult: true,
      union: { name: 'CreateAppResult', description: 'The new app, or why none was created.' },
    },
    resolve: async (_root, { input }, context) => ({
      app: await context.services.apps.create(viewerOf(context), appInput(input)),
    }),
  }),
);

builder.mutationField('updateApp', (t) =>
  t.field({
    type: AppPayload,
    description: 'Changes an app (admins only). Nothing changes when any field is refused.',
    args: {
      input: t.arg({
        type: UpdateAppInput,
        required: true,
        description: 'The app and the fields to change.',
      }),
    },
    errors: {
      types: [ValidationError, ForbiddenError, NotFoundError],
      directResult: true,
      union: { name: 'UpdateAppResult', description: 'The changed app, or why nothing changed.' },
    },
    resolve: async (_root, { input }, context) => {
      const { appId, ...rest } = input;
      return {
        app: await context.services.apps.update(
          viewerOf(context),
          decodeId('App', String(appId), ['appId']),
          appInput(rest),
        ),
      };
    },
  }),
);
