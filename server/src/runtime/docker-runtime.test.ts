import type { ContainerInspectInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { containerAddress, containerGoneReason, demuxDockerLog, dockerFailure } from './docker-runtime.js';
import {
  RuntimeOperationError,
  RuntimeUnavailableError,
  isTransientRuntimeFailure,
} from './runtime.errors.js';

function frame(stream: number, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function inspected(
  state: Partial<ContainerInspectInfo['State']>,
  networks: Record<string, { IPAddress: string }> = {},
) {
  return {
    State: { Running: false, ExitCode: 0, OOMKilled: false, ...state },
    NetworkSettings: { Networks: networks },
  } as unknown as ContainerInspectInfo;
}

describe('docker runtime helpers', () => {
  it('joins stdout and stderr frames of a container log, and passes TTY text through', () => {
    expect(demuxDockerLog(Buffer.concat([frame(1, 'starting\n'), frame(2, 'Error: boom\n')]))).toBe(
      'starting\nError: boom\n',
    );
    expect(demuxDockerLog(Buffer.from('plain tty output\n'))).toBe('plain tty output\n');
    expect(demuxDockerLog(Buffer.alloc(0))).toBe('');
  });

  it('says why a container can no longer become healthy', () => {
    expect(containerGoneReason(null)).toBe('the container was removed');
    expect(containerGoneReason(inspected({ Running: true }))).toBeNull();
    expect(containerGoneReason(inspected({ ExitCode: 1 }))).toBe('the container stopped (exit code 1)');
    expect(containerGoneReason(inspected({ ExitCode: 137, OOMKilled: true }))).toContain('out of memory');
  });

  it("finds the container's address on its session network", () => {
    const info = inspected(
      { Running: true },
      { other: { IPAddress: '10.0.0.9' }, 'ab-net-s1': { IPAddress: '172.18.0.2' } },
    );
    expect(containerAddress(info, 'ab-net-s1')).toBe('172.18.0.2');
    expect(containerAddress(info, 'ab-net-missing')).toBe('10.0.0.9');
    expect(containerAddress(inspected({}), 'ab-net-s1')).toBeNull();
  });

  it('classifies engine failures: unreachable and 5xx are transient, 4xx are not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), {
      code: 'ECONNREFUSED',
    });
    expect(dockerFailure('container.create', refused)).toBeInstanceOf(RuntimeUnavailableError);
    expect(isTransientRuntimeFailure(dockerFailure('container.create', refused))).toBe(true);

    const serverError = Object.assign(new Error('(HTTP code 500) server error'), {
      statusCode: 500,
      json: { message: 'driver failed' },
    });
    const failure = dockerFailure('container.start', serverError);
    expect(failure).toBeInstanceOf(RuntimeOperationError);
    expect(failure.transient).toBe(true);
    expect(failure.message).toContain('driver failed');

    const badRequest = Object.assign(new Error('(HTTP code 400) bad parameter'), { statusCode: 400 });
    expect(dockerFailure('container.create', badRequest).transient).toBe(false);
    expect(isTransientRuntimeFailure(new Error('unknown'))).toBe(true);
  });
});
