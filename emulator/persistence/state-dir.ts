import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';

/**
 * The folder `--state-dir` names: one LevelDB database (classic-level, the store dynalite uses
 * too) with three parts, and dynalite's own databases beside it.
 * - `journal`: every request that changed a resource (buses, rules, targets, log groups, log
 *   events, functions and their code, APIs, state machines, queues, stack records), in order;
 *   replayed at start.
 * - `events`: PutEvents entries answered with an EventId and not yet delivered to every target,
 *   written (and synced to disk) before PutEvents answers.
 * - `lambda`: asynchronous invocations accepted and not yet finished.
 * - `records`: each service's own records (queue messages, executions, CloudFormation stacks),
 *   one sublevel per service.
 */
export class StateDir {
  readonly db: ClassicLevel<string, string>;
  readonly journal;
  readonly events;
  readonly lambda;
  readonly records;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.db = new ClassicLevel<string, string>(path.join(dir, 'state'), { valueEncoding: 'utf8' });
    this.journal = this.db.sublevel<string, string>('journal', { valueEncoding: 'utf8' });
    this.events = this.db.sublevel<string, string>('events', { valueEncoding: 'utf8' });
    this.lambda = this.db.sublevel<string, string>('lambda', { valueEncoding: 'utf8' });
    this.records = this.db.sublevel<string, string>('records', { valueEncoding: 'utf8' });
  }

  /** One service's records: binary values (Node's structured-clone form). */
  recordsOf(service: string) {
    return this.records.sublevel<string, Buffer>(service, { valueEncoding: 'buffer' });
  }

  async open(): Promise<void> {
    await this.db.open();
  }

  /** Where dynalite keeps the tables of one account and region. */
  dynamoDbPath(accountId: string, region: string): string {
    const dir = path.join(this.dir, 'dynamodb', `${accountId}-${region}`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
