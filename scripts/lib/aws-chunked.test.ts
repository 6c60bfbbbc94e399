import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { AwsChunkedDecoder, decodedHeaders, isAwsChunked } from './aws-chunked.mjs';

function decode(pieces: string[]) {
  return text(
    Readable.from(pieces.map((piece) => Buffer.from(piece, 'latin1'))).pipe(new AwsChunkedDecoder()),
  );
}

const signed =
  '5;chunk-signature=ab12\r\nhello\r\n6;chunk-signature=cd34\r\n world\r\n0;chunk-signature=ef56\r\n' +
  'x-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:99\r\n\r\n';

describe('aws-chunked bodies', () => {
  it('recognises streamed SDK uploads', () => {
    expect(isAwsChunked({ 'content-encoding': 'aws-chunked' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER' })).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(false);
  });

  it('restores the payload, with chunk signatures and trailers dropped', async () => {
    expect(await decode([signed])).toBe('hello world');
  });

  it('does not depend on where the network splits the body', async () => {
    expect(await decode(signed.split(''))).toBe('hello world');
  });

  it('rejects a body cut off inside a chunk', async () => {
    await expect(decode(['5\r\nhel'])).rejects.toThrow(/middle of a chunk/);
  });

  it('gives s3rver the real length and encoding', () => {
    const headers = decodedHeaders({
      'content-encoding': 'gzip, aws-chunked',
      'content-length': '180',
      'x-amz-decoded-content-length': '11',
    });
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers['content-length']).toBe('11');
    expect(decodedHeaders({ 'content-encoding': 'aws-chunked' })).not.toHaveProperty('content-encoding');
  });
});
