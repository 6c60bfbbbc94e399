import { describe, expect, it } from 'vitest';
import { wantsChecksum } from './checksum-verify.mjs';

describe('wantsChecksum', () => {
  const sha = { 'x-amz-checksum-sha256': 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=' };
  it('checks plain object uploads that name a SHA-256', () => {
    expect(wantsChecksum('PUT', {}, sha)).toBe(true);
  });

  it('leaves everything else to s3rver', () => {
    expect(wantsChecksum('PUT', {}, {})).toBe(false);
    expect(wantsChecksum('GET', {}, sha)).toBe(false);
    expect(wantsChecksum('PUT', { partNumber: '1', uploadId: 'u' }, sha)).toBe(false);
    expect(wantsChecksum('PUT', {}, { ...sha, 'x-amz-copy-source': '/b/k' })).toBe(false);
  });
});
