import { describe, expect, it } from 'vitest';
import { textChunks } from './text-chunks.js';

describe('textChunks', () => {
  it('splits into chunks of a few words that join back to the exact text', () => {
    const text = '  Hello there, this is\na streamed   reply.  ';
    const chunks = textChunks(text);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(text);
    expect(textChunks('one')).toEqual(['one']);
    expect(textChunks('   ')).toEqual(['   ']);
  });
});
