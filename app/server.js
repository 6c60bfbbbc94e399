// Production server for the workbench: the built SvelteKit app plus a reverse proxy for /graphql
// (HTTP, streamed responses and graphql-ws upgrades), so the browser sees a single origin.
import http from 'node:http';
import net from 'node:net';
import process from 'node:process';
import { handler } from './build/handler.js';

const HOST = process.env.HOST || '127.0.0.1';
const PORT = Number(process.env.PORT || 3000);
const API_URL = new URL(process.env.API_URL || 'http://127.0.0.1:4000');
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * Upgraded sockets leave the HTTP server's bookkeeping, so shutdown tracks them here.
 * @type {Set<import('node:stream').Duplex>}
 */
const sockets = new Set();
let stopping = false;

if (API_URL.protocol !== 'http:') {
  throw new Error(`API_URL must be an http:// URL (got ${API_URL.href})`);
}
const API_HOST = API_URL.hostname.replace(/^\[(.*)\]$/, '$1');
const API_PORT = Number(API_URL.port || 80);
// A path prefix on API_URL is kept: /graphql?x becomes <prefix>/graphql?x.
const API_PREFIX = API_URL.pathname.replace(/\/$/, '');

// Hop-by-hop headers describe one connection and must not be forwarded (RFC 9110 7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * The API's paths: GraphQL itself, and the files of its GraphiQL page (opened at /graphql).
 * @param {string | undefined} url
 */
function isGraphqlPath(url) {
  if (!url) return false;
  const path = url.split('?', 1)[0];
  return path === '/graphql' || path === '/graphql/' || path.startsWith('/graphiql/');
}

/**
 * @param {http.IncomingMessage} req
 * @returns {http.OutgoingHttpHeaders}
 */
function forwardedHeaders(req) {
  const listed = new Set(
    String(req.headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase()),
  );
  /** @type {http.OutgoingHttpHeaders} */
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    headers[name] = value;
  }
  const remote = req.socket.remoteAddress;
  if (remote) {
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${remote}` : remote;
  }
  // A TLS terminator in front of us knows better; otherwise this hop is plain HTTP.
  headers['x-forwarded-host'] ??= req.headers.host;
  headers['x-forwarded-proto'] ??= 'http';
  return headers;
}

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function proxyHttp(req, res) {
  const upstream = http.request(
    {
      host: API_HOST,
      port: API_PORT,
      method: req.method,
      path: API_PREFIX + (req.url ?? '/graphql'),
      headers: forwardedHeaders(req),
    },
    (upRes) => {
      /** @type {http.OutgoingHttpHeaders} */
      const headers = {};
      for (const [name, value] of Object.entries(upRes.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      }
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, headers);
      // Streamed responses (incremental delivery, SSE) must reach the browser as they are produced.
      res.flushHeaders();
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: 'The API is unavailable.' }] }));
  });
  // A browser that goes away must not leave the API streaming into nothing.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/**
 * Relays a WebSocket upgrade byte for byte: the original request head goes upstream, then the two
 * sockets are piped, so the subprotocol handshake and frames stay untouched.
 *
 * @param {http.IncomingMessage} req
 * @param {import('node:stream').Duplex} socket
 * @param {Buffer} head
 */
function proxyUpgrade(req, socket, head) {
  const upstream = net.connect(API_PORT, API_HOST);
  const lines = [`${req.method} ${API_PREFIX}${req.url} HTTP/${req.httpVersion}`];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
  }
  upstream.setNoDelay(true);
  if (socket instanceof net.Socket) socket.setNoDelay(true);

  upstream.once('connect', () => {
    upstream.write(lines.join('\r\n') + '\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => {
    if (socket.writable && upstream.bytesRead === 0) {
      socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else {
      socket.destroy();
    }
  });
  socket.on('error', () => upstream.destroy());
  upstream.on('close', () => socket.destroy());
  socket.on('close', () => upstream.destroy());
  sockets.add(upstream);
  upstream.on('close', () => sockets.delete(upstream));
}

const server = http.createServer((req, res) => {
  if (isGraphqlPath(req.url)) {
    proxyHttp(req, res);
    return;
  }
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('Not found');
  });
});

server.on('upgrade', (req, socket, head) => {
  if (stopping) {
    socket.destroy();
    return;
  }
  if (isGraphqlPath(req.url)) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    proxyUpgrade(req, socket, head);
    return;
  }
  socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
});

server.listen(PORT, HOST, () => {
  console.log(`workbench listening on http://${HOST}:${PORT} (API ${API_URL.origin}${API_PREFIX})`);
});

/** @param {NodeJS.Signals} signal */
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`workbench: ${signal}, shutting down`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // A relayed WebSocket cannot be closed cleanly mid-frame; graphql-ws clients reconnect elsewhere.
  for (const socket of sockets) socket.destroy();
  // Streams that do not finish in time (a long subscription over HTTP) are cut.
  setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, SHUTDOWN_GRACE_MS).unref();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
