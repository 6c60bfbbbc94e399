import { Migration } from '@mikro-orm/migrations';

export class Migration20261125061500_blob_gc extends Migration {
  override name = 'Migration20261125061500_blob_gc';

  override up(): void | Promise<void> {
    this.addSql(`alter table "blob" add "last_referenced_at" timestamptz null, add "gc_marked_at" timestamptz null;`);
    this.addSql(`update "blob" set "last_referenced_at" = "created_at";`);
    this.addSql(`alter table "blob" alter column "last_referenced_at" set not null;`);
    this.addSql(`create index "blob_last_referenced_at_index" on "blob" ("last_referenced_at");`);
    this.addSql(
      `create index "blob_gc_marked_at_index" on "blob" ("gc_marked_at") where "gc_marked_at" is not null;`,
    );
    this.addSql(
      `create index "snapshot_manifest_blobs_index" on "snapshot" using gin (jsonb_path_query_array("manifest", '$[*].sha256') jsonb_path_ops);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "snapshot_manifest_blobs_index";`);
    this.addSql(`drop index if exists "blob_gc_marked_at_index";`);
    this.addSql(`drop index if exists "blob_last_referenced_at_index";`);
    this.addSql(`alter table "blob" drop column "last_referenced_at", drop column "gc_marked_at";`);
  }
}
