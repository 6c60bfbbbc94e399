import { resolveArrayConnection } from '@pothos/plugin-relay';
import { AppSchema, PROVIDERS, type App } from '../../../server/src/modules/apps/app.entity.js';
import { CAPABILITIES, PROVIDER_CAPABILITIES } from '../../../server/src/modules/apps/capabilities.js';
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
      resolve: (app) => [...PROVIDER_CAPABILITIES[app.provider]],
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
