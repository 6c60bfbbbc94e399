import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the workbench (and any TypeScript client) from the printed schema.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['app/src/**/*.ts', '!app/src/lib/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'app/src/lib/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
      presetConfig: { fragmentMasking: { unmaskFunctionName: 'useFragment' } },
    },
  },
};

export default config;
