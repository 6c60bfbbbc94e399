import { Migration } from '@mikro-orm/migrations';

export class Migration20261125062000_runtime_manifest extends Migration {
  override name = 'Migration20261125062000_runtime_manifest';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app" add "runtime_manifest" jsonb null;`);
    this.addSql(`alter table "snapshot" add "runtime_version" varchar(255) null;`);
    this.addSql(
      `alter table "session" add "restore_plan_pending" boolean not null default false, add "runtime_version" varchar(255) null, add "runtime_warning" text null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app" drop column "runtime_manifest";`);
    this.addSql(`alter table "snapshot" drop column "runtime_version";`);
    this.addSql(
      `alter table "session" drop column "restore_plan_pending", drop column "runtime_version", drop column "runtime_warning";`,
    );
  }
}
