import { Migration } from '@mikro-orm/migrations';

export class Migration20261125033923_snapshots extends Migration {
  override name = 'Migration20261125033923_snapshots';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "blob" ("sha256" varchar(64) not null, "size" bigint not null, "created_at" timestamptz not null, primary key ("sha256"));`,
    );

    this.addSql(
      `create table "snapshot" ("id" uuid not null, "session_id" uuid not null, "run_id" uuid null, "reason" text not null, "file_count" int not null, "total_bytes" bigint not null, "manifest" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "snapshot_session_id_created_at_index" on "snapshot" ("session_id", "created_at");`,
    );

    this.addSql(
      `alter table "session" add "stopped_at" timestamptz null, add "last_sync_at" timestamptz null, add "last_sync_error" text null, add "sync_failure_count" int not null default 0, add "pending_restore_id" uuid null;`,
    );

    this.addSql(
      `alter table "snapshot" add constraint "snapshot_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "snapshot" add constraint "snapshot_run_id_foreign" foreign key ("run_id") references "run" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "snapshot" add constraint "snapshot_reason_check" check ("reason" in ('AFTER_RUN', 'BEFORE_STOP', 'BEFORE_REMOVE', 'MANUAL', 'SAFETY'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "blob" cascade;`);
    this.addSql(`drop table if exists "snapshot" cascade;`);

    this.addSql(
      `alter table "session" drop column "stopped_at", drop column "last_sync_at", drop column "last_sync_error", drop column "sync_failure_count", drop column "pending_restore_id";`,
    );
  }
}
