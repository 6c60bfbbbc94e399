import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type * as GraphiQLBundle from '@graphql-yoga/render-graphiql/graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL served by the API itself. Yoga's default page loads GraphiQL from a CDN, which a
 * self-hosted install often cannot reach (and this platform's machines never do), so the page
 * stayed at "Loading…". The same GraphiQL build, from @graphql-yoga/render-graphiql, is served
 * here as separate, cacheable files under a versioned path; the page itself is small.
 */

const VERSION = (
  createRequire(import.meta.url)('@graphql-yoga/render-graphiql/package.json') as { version: string }
).version;

/** Where the files live; the workbench's proxy forwards this prefix to the API, like /graphql. */
export const GRAPHIQL_ASSETS_PREFIX = '/graphiql/';

const base = `${GRAPHIQL_ASSETS_PREFIX}${VERSION}/`;

type Bundle = typeof GraphiQLBundle;

/** The file name under `base`, its content type and which string of the bundle it is. */
const ASSETS: Record<string, { type: string; content: (bundle: Bundle) => string }> = {
  'graphiql.js': { type: 'text/javascript', content: (b) => b.js },
  'graphiql.css': { type: 'text/css', content: (b) => b.css },
  'editor.worker.js': { type: 'text/javascript', content: (b) => b.editorWorkerService },
  'json.worker.js': { type: 'text/javascript', content: (b) => b.jsonWorker },
  'graphql.worker.js': { type: 'text/javascript', content: (b) => b.graphqlWorker },
};

// Nine megabytes of strings: loaded on the first request for GraphiQL, not with every API.
let bundle: Promise<Bundle> | null = null;
const loadBundle = () => (bundle ??= import('@graphql-yoga/render-graphiql/graphiql'));

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

/** The GraphiQL page, for yoga's `renderGraphiQL`. */
export function renderGraphiQL(options: GraphiQLOptions): string {
  const title = (options.title ?? 'GraphiQL').replace(/[<>&"]/g, '');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="stylesheet" href="${base}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root">Loading ${title}…</div>
    <script>
      // The editor's workers run from blobs, as on yoga's own page, fetched from this server.
      const workerUrls = {
        editorWorkerService: ${scriptJson(`${base}editor.worker.js`)},
        json: ${scriptJson(`${base}json.worker.js`)},
        graphql: ${scriptJson(`${base}graphql.worker.js`)},
      };
      const workers = {};
      function prepareWorkers() {
        return Promise.all(
          Object.entries(workerUrls).map(async ([label, url]) => {
            const source = await (await fetch(url)).text();
            workers[label] = URL.createObjectURL(new Blob([source], { type: 'application/javascript' }));
          }),
        );
      }
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
    </script>
    <script src="${base}graphiql.js"></script>
    <script>
      prepareWorkers().finally(() =>
        YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(options)}),
      );
    </script>
  </body>
</html>`;
}

/**
 * Answers a request for one of GraphiQL's files; false when `path` is not one. The files of a
 * version never change, so browsers keep them.
 */
export function serveGraphiQLAsset(path: string, res: ServerResponse): boolean {
  if (!path.startsWith(GRAPHIQL_ASSETS_PREFIX)) return false;
  const asset = path.startsWith(base) ? ASSETS[path.slice(base.length)] : undefined;
  if (!asset) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return true;
  }
  loadBundle().then(
    (loaded) => {
      res
        .writeHead(200, {
          'content-type': `${asset.type}; charset=utf-8`,
          'cache-control': 'public, max-age=31536000, immutable',
        })
        .end(asset.content(loaded));
    },
    (error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`GraphiQL is not available: ${String(error)}`);
    },
  );
  return true;
}
