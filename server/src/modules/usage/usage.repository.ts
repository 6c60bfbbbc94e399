import type { Orm } from '../../db/orm.js';
import { UsageRecordSchema } from './usage-record.entity.js';
import type { UsageRecord } from './usage-record.entity.js';

export class UsageRepository {
  constructor(private readonly orm: Orm) {}

  /** Records a settled run once; a second settlement of the same run is ignored. */
  async record(entry: Omit<UsageRecord, 'id'>): Promise<void> {
    const em = this.orm.em.fork();
    if (await em.count(UsageRecordSchema, { runId: entry.runId })) return;
    em.create(UsageRecordSchema, entry);
    await em.flush().catch((error: unknown) => {
      if (!String(error).includes('usage_record_run_id_unique')) throw error;
    });
  }
}
