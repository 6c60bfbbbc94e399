import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';

/** Runs a command in a session's container (as its agent user) and returns its stdout. */
export async function execInContainer(docker: Docker, container: string, cmd: string[]): Promise<string> {
  const exec = await docker
    .getContainer(container)
    .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  docker.modem.demuxStream(stream, stdout, stderr);
  await new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const { ExitCode } = await exec.inspect();
  if (ExitCode !== 0)
    throw new Error(`${cmd.join(' ')} exited ${ExitCode}: ${Buffer.concat(err).toString()}`);
  return Buffer.concat(out).toString();
}
