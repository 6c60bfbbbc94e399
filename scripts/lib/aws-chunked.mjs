// Recent AWS SDKs send streamed uploads as `aws-chunked` (hex size lines, optional chunk
// signatures, trailing checksums). s3rver predates that and would store the framing as the
// object's bytes; this turns such a body back into the plain payload.
import { Transform } from 'node:stream';

const CRLF = Buffer.from('\r\n');

export function isAwsChunked(headers) {
  const encoding = String(headers['content-encoding'] ?? '');
  const sha = String(headers['x-amz-content-sha256'] ?? '');
  return encoding.split(',').some((part) => part.trim() === 'aws-chunked') || sha.startsWith('STREAMING-');
}

// Request headers as s3rver should see them: the payload's real length and encoding.
export function decodedHeaders(headers) {
  const result = { ...headers };
  const encoding = String(headers['content-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'aws-chunked');
  if (encoding.length) result['content-encoding'] = encoding.join(', ');
  else delete result['content-encoding'];
  if (headers['x-amz-decoded-content-length'] !== undefined) {
    result['content-length'] = String(headers['x-amz-decoded-content-length']);
  }
  return result;
}

export class AwsChunkedDecoder extends Transform {
  #pending = Buffer.alloc(0);
  #state = 'size';
  #remaining = 0;

  _transform(chunk, _encoding, callback) {
    this.#pending = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk;
    try {
      while (this.#advance());
      callback();
    } catch (err) {
      callback(err);
    }
  }

  _flush(callback) {
    const complete = this.#state === 'done' || (this.#state === 'trailers' && this.#pending.length === 0);
    callback(complete ? null : new Error('aws-chunked body ended in the middle of a chunk'));
  }

  #takeLine() {
    const end = this.#pending.indexOf(CRLF);
    if (end < 0) return null;
    const line = this.#pending.subarray(0, end).toString('latin1');
    this.#pending = this.#pending.subarray(end + 2);
    return line;
  }

  #advance() {
    switch (this.#state) {
      case 'size': {
        const line = this.#takeLine();
        if (line === null) return false;
        const size = Number.parseInt(line.split(';')[0], 16);
        if (!Number.isFinite(size) || size < 0)
          throw new Error(`bad aws-chunked size line: ${line.slice(0, 40)}`);
        this.#remaining = size;
        this.#state = size === 0 ? 'trailers' : 'data';
        return true;
      }
      case 'data': {
        if (this.#pending.length === 0) return false;
        const piece = this.#pending.subarray(0, this.#remaining);
        this.push(piece);
        this.#remaining -= piece.length;
        this.#pending = this.#pending.subarray(piece.length);
        if (this.#remaining === 0) this.#state = 'data-end';
        return true;
      }
      case 'data-end': {
        if (this.#pending.length < 2) return false;
        if (!this.#pending.subarray(0, 2).equals(CRLF))
          throw new Error('aws-chunked chunk not followed by CRLF');
        this.#pending = this.#pending.subarray(2);
        this.#state = 'size';
        return true;
      }
      case 'trailers': {
        const line = this.#takeLine();
        if (line === null) return false;
        if (line === '') this.#state = 'done';
        return true;
      }
      default:
        this.#pending = Buffer.alloc(0);
        return false;
    }
  }
}
