// `npm test -- unit integration` runs only the named steps, in the usual order.
export const TEST_STEPS = [
  { name: 'lint', title: 'lint', aliases: [] },
  { name: 'check', title: 'type-check', aliases: ['typecheck', 'type-check', 'types'] },
  { name: 'schema', title: 'schema freshness', aliases: [] },
  { name: 'codegen', title: 'codegen freshness', aliases: [] },
  { name: 'unit', title: 'unit tests', aliases: [] },
  { name: 'integration', title: 'integration tests', aliases: ['int'], needsServices: true },
  { name: 'browser', title: 'browser tests', aliases: ['e2e', 'playwright'], needsServices: true },
];

export function selectSteps(args, steps = TEST_STEPS) {
  const requested = args.filter((arg) => !arg.startsWith('-'));
  if (requested.length === 0) return { steps, unknown: [] };
  const byName = new Map(
    steps.flatMap((step) => [[step.name, step], ...step.aliases.map((alias) => [alias, step])]),
  );
  const unknown = requested.filter((name) => !byName.has(name));
  const chosen = new Set(requested.map((name) => byName.get(name)).filter(Boolean));
  return { steps: steps.filter((step) => chosen.has(step)), unknown };
}
