import { waitAnswering } from './raw-docker.js';
import type { SharedSetup } from './shared-setup.js';
import { percentile, result, type BenchResult } from './stats.js';
import { TRANSFER_CONCURRENCY, WorkspaceFixture, megabytes, timeMs } from './workspace-fixture.js';

const STOPPED_RUNS = 3;

/**
 * LC1 and LC5: activating a stopped session (start its container, wait for the executor), and a
 * removed one (create volumes, network and container, wait for the executor, restore the latest
 * snapshot); each against the same done with dockerode directly and the restore done raw.
 */
export async function sessionActivationBench(shared: SharedSetup): Promise<BenchResult[]> {
  const ws = await WorkspaceFixture.shared(shared);
  // Alone, this bench snapshots the filled workspace first (untimed); after the sync bench it exists.
  if (!(await ws.latestSnapshot())) await ws.sync();
  const { raw } = ws;

  // The raw equivalent: a copy of the session's container (same image, command, env, limits) on
  // a network and volumes of its own, run once so that it exists stopped.
  const container = raw.name('activation');
  const network = raw.name('activation-net');
  const options = await raw.copyOf(
    ws.names.container,
    { workspace: raw.name('activation-ws'), agentData: raw.name('activation-agent'), benchDir: ws.benchDir },
    { network },
  );
  await raw.createNetwork(network);
  await raw.run(container, options);
  await waitAnswering(await raw.executor(container));

  // Stopped: stopSession (its sync untimed), then activateSession until the executor answers.
  const activateMs: number[] = [];
  const startMs: number[] = [];
  for (let run = 0; run < STOPPED_RUNS; run++) {
    await ws.stop();
    activateMs.push((await timeMs(() => ws.activate())).ms);
    await raw.stop(container);
    startMs.push(
      (
        await timeMs(async () => {
          await raw.start(container);
          await waitAnswering(await raw.executor(container));
        })
      ).ms,
    );
    console.log(
      `  stopped session activated in ${activateMs.at(-1)!.toFixed(0)} ms; raw docker start + health ${startMs.at(-1)!.toFixed(0)} ms`,
    );
  }

  // Removed: container, volumes and network gone (as the LC3 sweep leaves it); the snapshot stays.
  await ws.stop();
  await ws.removeStopped();
  const latest = (await ws.latestSnapshot())!;
  const recreate = await timeMs(() => ws.activate());
  console.log(
    `  removed session activated (recreated, ${latest.files.length} files restored) in ${recreate.ms.toFixed(0)} ms`,
  );
  await raw.remove(container);
  const files = await Promise.all(
    latest.files.map(async (file) => ({ path: file.path, url: await ws.presignGet(file.sha256) })),
  );
  const rawRecreate = await timeMs(async () => {
    await raw.createNetwork(network);
    await raw.run(container, options);
    await waitAnswering(await raw.executor(container));
    return ws.task(container, 'get', { concurrency: TRANSFER_CONCURRENCY, files });
  });
  console.log(
    `  raw network + volumes + docker run + health + restore of ${rawRecreate.value.files} files (${megabytes(rawRecreate.value.bytes)}): ${rawRecreate.ms.toFixed(0)} ms`,
  );
  await raw.remove(container);

  return [
    result(
      'activate a stopped session',
      `ms, median of ${STOPPED_RUNS}, activateSession mutation until the executor answers; baseline: docker start of an equivalent stopped container (dockerode) + GET /health every 10 ms until it answers`,
      percentile(activateMs, 50),
      percentile(startMs, 50),
      null,
    ),
    result(
      `activate a removed session (recreate, restore ${latest.files.length.toLocaleString('en')} files)`,
      `ms, activateSession mutation (restore plan: container, then the latest snapshot); baseline: network + volumes + docker run (dockerode), GET /health every 10 ms, then GetObject + write ${TRANSFER_CONCURRENCY} at a time in the container (docker exec), timed from the host`,
      recreate.ms,
      rawRecreate.ms,
      null,
    ),
  ];
}
