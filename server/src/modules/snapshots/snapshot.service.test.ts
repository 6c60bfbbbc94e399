import { describe, expect, it } from 'vitest';
import { blobKey, publicS3Endpoint } from '../../storage/blob-store.js';
import { blobsOfScan, planUpload } from './snapshot.service.js';

const file = (path: string, sha: string, size = 1) => ({
  path,
  sha256: sha.repeat(64),
  size,
  mode: 0o644,
  mtimeMs: 0,
});

describe('planUpload', () => {
  it('asks for exactly the missing blobs, each once, whatever the number of files that share it', () => {
    const files = [
      file('/workspace/a', 'a'),
      file('/workspace/copy-of-a', 'a'),
      file('/workspace/b', 'b'),
      file('/agent-data/c', 'c'),
    ];
    const plan = planUpload(files, new Set(['a'.repeat(64), 'c'.repeat(64), 'f'.repeat(64)]));
    expect(plan).toEqual([
      { sha256: 'a'.repeat(64), path: '/workspace/a', size: 1 },
      { sha256: 'c'.repeat(64), path: '/agent-data/c', size: 1 },
    ]);
    expect(planUpload(files, new Set())).toEqual([]);
  });
});

describe('blobsOfScan', () => {
  it('names each blob once', () => {
    const files = [file('/workspace/a', 'a'), file('/workspace/copy-of-a', 'a'), file('/workspace/b', 'b')];
    expect(blobsOfScan(files)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
  });

  it('fails on a hash that is not hex SHA-256, naming the file', () => {
    for (const sha256 of [
      'A'.repeat(64),
      'a'.repeat(63),
      `${'a'.repeat(63)},`,
      `${'a'.repeat(32)},${'b'.repeat(31)}`,
    ]) {
      const files = [file('/workspace/ok', 'a'), { ...file('/workspace/bad', 'a'), sha256 }];
      expect(() => blobsOfScan(files)).toThrow('/workspace/bad');
    }
  });
});

describe('blob keys and the public endpoint', () => {
  it('names blobs by their hash only, and refuses anything else', () => {
    expect(blobKey('0'.repeat(64))).toBe(`blobs/${'0'.repeat(64)}`);
    expect(() => blobKey('../other-session/file')).toThrow();
    expect(() => blobKey('A'.repeat(64))).toThrow();
  });

  it('points containers at the host for a loopback endpoint, and leaves everything else alone', () => {
    expect(publicS3Endpoint({ endpoint: 'http://127.0.0.1:9000', publicEndpoint: undefined }, 'docker')).toBe(
      'http://host.docker.internal:9000',
    );
    expect(
      publicS3Endpoint({ endpoint: 'http://localhost:9000', publicEndpoint: undefined }, 'process'),
    ).toBe('http://localhost:9000');
    expect(publicS3Endpoint({ endpoint: 'http://minio:9000', publicEndpoint: undefined }, 'docker')).toBe(
      'http://minio:9000',
    );
    expect(
      publicS3Endpoint(
        { endpoint: 'http://127.0.0.1:9000', publicEndpoint: 'https://s3.example.com' },
        'docker',
      ),
    ).toBe('https://s3.example.com');
  });
});
