import { Migration } from '@mikro-orm/migrations';

export class Migration20261125030224_runs extends Migration {

  override name = 'Migration20261125030224_runs';

  override up(): void | Promise<void> {
    this.addSql(`create table "usage_record" ("id" uuid not null, "run_id" uuid not null, "session_id" uuid not null, "user_id" uuid not null, "app_id" uuid not null, "provider" varchar(255) not null, "model" varchar(255) not null, "input_tokens" int not null, "output_tokens" int not null, "cost_usd" double precision null, "duration_ms" int null, "status" varchar(255) not null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "usage_record" add constraint "usage_record_run_id_unique" unique ("run_id");`);
    this.addSql(`create index "usage_record_user_id_index" on "usage_record" ("user_id");`);

    this.addSql(`create table "todo" ("session_id" uuid not null, "item_id" varchar(255) not null, "run_id" uuid not null, "text" text not null, "status" text not null, "order" int not null, primary key ("session_id", "item_id"));`);

    this.addSql(`create table "run" ("id" uuid not null, "session_id" uuid not null, "prompt" text not null, "status" text not null default 'QUEUED', "attempts" int not null default 0, "client_mutation_id" varchar(255) null, "error_class" varchar(255) null, "error_message" text null, "error_suggestion" text null, "input_tokens" int not null default 0, "output_tokens" int not null default 0, "cost_usd" double precision null, "output" text not null default '', "last_seq" int not null default 0, "executor_seq" int not null default 0, "cancel_requested_at" timestamptz null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "run_session_id_created_at_index" on "run" ("session_id", "created_at");`);
    this.addSql(`alter table "run" add constraint "run_session_id_client_mutation_id_unique" unique ("session_id", "client_mutation_id");`);

    this.addSql(`create table "run_event" ("run_id" uuid not null, "seq" int not null, "type" varchar(255) not null, "payload" jsonb not null, "at" timestamptz not null, primary key ("run_id", "seq"));`);

    this.addSql(`create table "human_loop_request" ("id" uuid not null, "run_id" uuid not null, "session_id" uuid not null, "kind" text not null, "prompt" text not null, "options" jsonb not null, "status" text not null default 'PENDING', "deadline_at" timestamptz not null, "answer" text null, "answered_by_id" uuid null, "created_at" timestamptz not null, "resolved_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "human_loop_request_run_id_index" on "human_loop_request" ("run_id");`);
    this.addSql(`create index "human_loop_request_session_id_index" on "human_loop_request" ("session_id");`);

    this.addSql(`alter table "session" add "agent_session_id" varchar(255) null;`);

    // Rows seeded by the first release stored these JSON defaults as JSON strings; unwrap them.
    for (const column of ['options', 'roles', 'members']) {
      this.addSql(`update "app" set "${column}" = ("${column}" #>> '{}')::jsonb where jsonb_typeof("${column}") = 'string';`);
    }

    this.addSql(`alter table "todo" add constraint "todo_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
    this.addSql(`alter table "todo" add constraint "todo_status_check" check ("status" in ('PENDING', 'IN_PROGRESS', 'COMPLETED'));`);

    this.addSql(`alter table "run" add constraint "run_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
    this.addSql(`alter table "run" add constraint "run_status_check" check ("status" in ('QUEUED', 'STARTING', 'RUNNING', 'WAITING_FOR_HUMAN', 'SUCCEEDED', 'FAILED', 'CANCELED', 'BLOCKED'));`);

    this.addSql(`alter table "run_event" add constraint "run_event_run_id_foreign" foreign key ("run_id") references "run" ("id") on delete cascade;`);

    this.addSql(`alter table "human_loop_request" add constraint "human_loop_request_run_id_foreign" foreign key ("run_id") references "run" ("id") on delete cascade;`);
    this.addSql(`alter table "human_loop_request" add constraint "human_loop_request_session_id_foreign" foreign key ("session_id") references "session" ("id") on delete cascade;`);
    this.addSql(`alter table "human_loop_request" add constraint "human_loop_request_answered_by_id_foreign" foreign key ("answered_by_id") references "user" ("id") on delete set null;`);
    this.addSql(`alter table "human_loop_request" add constraint "human_loop_request_kind_check" check ("kind" in ('QUESTION', 'PERMISSION'));`);
    this.addSql(`alter table "human_loop_request" add constraint "human_loop_request_status_check" check ("status" in ('PENDING', 'RESOLVED', 'CANCELED', 'EXPIRED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "run_event" drop constraint "run_event_run_id_foreign";`);
    this.addSql(`alter table "human_loop_request" drop constraint "human_loop_request_run_id_foreign";`);

    this.addSql(`drop table if exists "usage_record" cascade;`);
    this.addSql(`drop table if exists "todo" cascade;`);
    this.addSql(`drop table if exists "run" cascade;`);
    this.addSql(`drop table if exists "run_event" cascade;`);
    this.addSql(`drop table if exists "human_loop_request" cascade;`);

    this.addSql(`alter table "session" drop column "agent_session_id";`);
  }

}
