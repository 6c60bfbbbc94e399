import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, testConfig, type TestApi } from './support/test-stack.js';

describe('GraphiQL', () => {
  let api: TestApi;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const test = await testConfig();
    drop = test.drop;
    api = await startTestApi(test.config);
  });

  afterAll(async () => {
    await api?.stop();
    await drop?.();
  });

  it('is served at /graphql with every file it needs from the API itself, none from elsewhere', async () => {
    const page = await fetch(api.url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    // A self-hosted install may have no way out: a CDN address would leave the page loading.
    expect(html).not.toMatch(/https?:\/\//);

    const files = [...html.matchAll(/"(\/graphiql\/[^"]+)"/g)].map((match) => match[1]!);
    expect(files.map((path) => path.split('/').pop()).sort()).toEqual([
      'editor.worker.js',
      'graphiql.css',
      'graphiql.js',
      'graphql.worker.js',
      'json.worker.js',
    ]);
    for (const path of files) {
      const file = await fetch(new URL(path, api.url));
      expect(file.status, path).toBe(200);
      expect(file.headers.get('content-type')).toMatch(
        path.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
      expect(file.headers.get('cache-control')).toContain('immutable');
      expect((await file.text()).length).toBeGreaterThan(10_000);
    }
    expect((await fetch(new URL('/graphiql/0.0.0/graphiql.js', api.url))).status).toBe(404);
  });
});
