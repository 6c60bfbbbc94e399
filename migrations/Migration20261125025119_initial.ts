import { Migration } from '@mikro-orm/migrations';

export class Migration20261125025119_initial extends Migration {

  override name = 'Migration20261125025119_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "user" ("id" uuid not null, "email" varchar(255) not null, "name" varchar(255) not null, "role" text not null, "password_hash" varchar(255) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "user" add constraint "user_email_unique" unique ("email");`);

    this.addSql(`create table "app" ("id" uuid not null, "slug" varchar(255) not null, "name" varchar(255) not null, "description" text not null default '', "provider" text not null, "model" varchar(255) not null, "system_prompt" text null, "image" varchar(255) null, "options" jsonb not null default '{}', "visibility" text not null default 'PUBLIC', "roles" jsonb not null default '[]', "members" jsonb not null default '[]', "enabled" boolean not null default true, "created_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "app" add constraint "app_slug_unique" unique ("slug");`);

    this.addSql(`create table "session" ("id" uuid not null, "owner_id" uuid not null, "app_id" uuid not null, "title" varchar(255) not null, "status" text not null default 'ABSENT', "created_at" timestamptz not null, "updated_at" timestamptz not null, "last_active_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "session_owner_id_index" on "session" ("owner_id");`);

    this.addSql(`create table "api_token" ("id" uuid not null, "user_id" uuid not null, "token_hash" varchar(255) not null, "name" varchar(255) not null, "kind" text not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "api_token" add constraint "api_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "user" add constraint "user_role_check" check ("role" in ('ADMIN', 'MEMBER'));`);

    this.addSql(`alter table "app" add constraint "app_created_by_id_foreign" foreign key ("created_by_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "app" add constraint "app_provider_check" check ("provider" in ('CLAUDE_CODE', 'CODEX_CLI', 'OPENCODE', 'SCRIPTED'));`);
    this.addSql(`alter table "app" add constraint "app_visibility_check" check ("visibility" in ('PUBLIC', 'ROLES', 'MEMBERS'));`);

    this.addSql(`alter table "session" add constraint "session_owner_id_foreign" foreign key ("owner_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "session" add constraint "session_app_id_foreign" foreign key ("app_id") references "app" ("id") on delete restrict;`);
    this.addSql(`alter table "session" add constraint "session_status_check" check ("status" in ('ABSENT', 'STARTING', 'RUNNING', 'IDLE_STOPPING', 'STOPPED', 'REMOVING', 'REMOVED', 'FAILED'));`);

    this.addSql(`alter table "api_token" add constraint "api_token_user_id_foreign" foreign key ("user_id") references "user" ("id") on delete cascade;`);
    this.addSql(`alter table "api_token" add constraint "api_token_kind_check" check ("kind" in ('LOGIN', 'API'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app" drop constraint "app_created_by_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_owner_id_foreign";`);
    this.addSql(`alter table "api_token" drop constraint "api_token_user_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_app_id_foreign";`);

    this.addSql(`drop table if exists "user" cascade;`);
    this.addSql(`drop table if exists "app" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "api_token" cascade;`);
  }

}
