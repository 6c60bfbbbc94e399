import { describe, expect, it } from 'vitest';
import { urlForSessions, urlFromServer } from './host-alias.js';

describe('the Docker host alias', () => {
  it('points containers at the host for a loopback URL, path and form kept', () => {
    expect(urlForSessions('http://127.0.0.1:8080/v1', 'docker')).toBe('http://host.docker.internal:8080/v1');
    expect(urlForSessions('http://localhost:8080', 'docker')).toBe('http://host.docker.internal:8080');
    expect(urlForSessions('http://[::1]:8080/', 'docker')).toBe('http://host.docker.internal:8080/');
  });

  it('leaves other hosts, and every URL of the process runtime, alone', () => {
    expect(urlForSessions('https://api.anthropic.com', 'docker')).toBe('https://api.anthropic.com');
    expect(urlForSessions('http://gateway:4000/v1', 'docker')).toBe('http://gateway:4000/v1');
    expect(urlForSessions('http://127.0.0.1:8080/v1', 'process')).toBe('http://127.0.0.1:8080/v1');
  });

  it('checks from the server what containers reach as the alias: the Docker host, over loopback', async () => {
    // This machine runs the tests on the Docker host, where the alias does not resolve.
    expect(await urlFromServer('http://host.docker.internal:8080/v1', 'docker')).toBe(
      'http://127.0.0.1:8080/v1',
    );
    expect(await urlFromServer('http://127.0.0.1:8080', 'docker')).toBe('http://127.0.0.1:8080');
    expect(await urlFromServer('https://api.openai.com/v1', 'docker')).toBe('https://api.openai.com/v1');
    // Process sessions run on the host: an alias that does not resolve fails for them too.
    expect(await urlFromServer('http://host.docker.internal:8080', 'process')).toBe(
      'http://host.docker.internal:8080',
    );
  });
});
