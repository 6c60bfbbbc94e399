import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const DEFAULT_PORTS = Object.freeze({ api: 4000, web: 3000, postgres: 54329, redis: 63790, s3: 9000 });

function listenOnce(port, host) {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen({ port, host, exclusive: true }, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
    });
  });
}

export async function findFreePort() {
  const port = await listenOnce(0, '127.0.0.1');
  if (!port) throw new Error('the OS gave no free port');
  return port;
}

// Our servers bind either loopback or all interfaces; a port is only usable if both work.
export async function isPortFree(port) {
  return (await listenOnce(port, '127.0.0.1')) !== null && (await listenOnce(port, '0.0.0.0')) !== null;
}

// Remembered ports are reused so URLs stay stable across restarts; a busy one is replaced.
// `preferred` is empty for throwaway runs, which then take whatever the OS hands out.
export async function choosePorts({ names, preferred, isFree, freePort }) {
  const ports = {};
  const replaced = [];
  const taken = new Set();
  for (const name of names) {
    const wanted = preferred[name];
    if (wanted && !taken.has(wanted) && (await isFree(wanted))) {
      ports[name] = wanted;
    } else {
      let port = await freePort();
      while (taken.has(port)) port = await freePort();
      ports[name] = port;
      if (wanted) replaced.push({ name, from: wanted, to: port });
    }
    taken.add(ports[name]);
  }
  return { ports, replaced };
}

export function readSavedPorts(file) {
  if (!existsSync(file)) return {};
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    return saved && typeof saved === 'object' ? saved : {};
  } catch {
    return {};
  }
}

export function savePorts(file, ports) {
  writeFileSync(file, `${JSON.stringify({ ...readSavedPorts(file), ...ports }, null, 2)}\n`);
}
