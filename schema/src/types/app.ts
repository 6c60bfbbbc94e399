import { resolveArrayConnection } from '@pothos/plugin-relay';
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
import { viewerOf } from '../viewer.js';

export const ProviderEnum = builder.enumType('Provider', {
  description: 'The agent an app runs.',
  values: PROVIDERS,
});

export const CapabilityEnum = builder.enumType('Capability', {
  description: 'Something a provider can do; runs that need a missing capability are blocked or downgraded.',
  values: CAPABILITIES,
});

const PrecheckItemRef = builder.objectRef<PrecheckItem>('PrecheckItem').implement({
  description: 'One diagnostic of a provider precheck.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'options, cli, endpoint, credentials or reachable.' }),
    ok: t.exposeBoolean('ok'),
    detail: t.exposeString('detail', { description: 'What was found, or what to change.' }),
  }),
});

const PrecheckRef = builder.objectRef<Precheck>('ProviderPrecheck').implement({
  description: "Whether an app's runs can start: CLI present and its version, options, endpoint, credentials.",
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    checks: t.field({ type: [PrecheckItemRef], resolve: (precheck) => precheck.checks }),
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
    name: t.exposeString('name'),
    slug: t.exposeString('slug', { description: 'Stable short name, unique per deployment.' }),
    description: t.exposeString('description'),
    provider: t.field({ type: ProviderEnum, resolve: (app) => app.provider }),
    model: t.exposeString('model'),
    canUse: t.boolean({
      description: 'Whether you may start sessions on this app.',
      resolve: (app, _args, context) => context.services.apps.canUse(viewerOf(context), app),
    }),
    capabilities: t.field({
      type: [CapabilityEnum],
      resolve: (app) => appCapabilities(app),
    }),
    precheck: t.field({
      type: PrecheckRef,
      description: 'Diagnostics before a run starts (PR7); checked from the server. Never shows a key.',
      resolve: (app, _args, context) => precheckApp(app, context.services.config.agents),
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
    { name: 'AppConnection' },
    { name: 'AppEdge' },
  ),
);
