import { Transform } from 'node:stream';
export type Headers = Record<string, string | string[] | undefined>;
export function isAwsChunked(headers: Headers): boolean;
export function decodedHeaders(headers: Headers): Headers;
export class AwsChunkedDecoder extends Transform {}
