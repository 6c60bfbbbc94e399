import { Migration } from '@mikro-orm/migrations';

export class Migration20261125060000_run_options extends Migration {
  override name = 'Migration20261125060000_run_options';

  override up(): void | Promise<void> {
    this.addSql(`alter table "run" add "options" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "run" drop column "options";`);
  }
}
