// Prints the schema to schema/schema.graphql; with --check, fails instead when the file is stale.
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { schema } from './index.js';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
const printed = printSchema(lexicographicSortSchema(schema)) + '\n';
const current = await readFile(target, 'utf8').catch(() => '');

if (process.argv.includes('--check')) {
  if (current !== printed) {
    console.error('schema/schema.graphql is stale: run `npm run schema:print` and commit it');
    process.exit(1);
  }
  console.log('schema/schema.graphql is current');
} else if (current !== printed) {
  await writeFile(target, printed);
  console.log('wrote schema/schema.graphql');
} else {
  console.log('schema/schema.graphql is current');
}
