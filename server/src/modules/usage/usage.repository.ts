import type { Orm } from '../../db/orm.js';
import { UsageRecordSchema } from './usage-record.entity.js';
import type { UsageRecord } from './usage-record.entity.js';

export class UsageRepository {
  constructor(private readonly orm: Orm) {}

  /** Whether the run has its usage record, the last step of its settlement. */
  async has(runId: string): Promise<boolean> {
    return (await this.orm.em.fork().count(UsageRecordSchema, { runId })) > 0;
  }

  /**
   * Records a settled run once; a second settlement of the same run is ignored. The unique run id
   * is the guard, so a settlement costs one round trip, not a check and then an insert.
   */
  async record(entry: Omit<UsageRecord, 'id'>): Promise<void> {
    const em = this.orm.em.fork();
    em.create(UsageRecordSchema, entry);
    await em.flush().catch((error: unknown) => {
      if (!String(error).includes('usage_record_run_id_unique')) throw error;
    });
  }
}
