import type { Template } from './template';

/** One deployed resource as the stack record keeps it. */
export interface ResourceRecord {
  type: string;
  physicalId: string;
  /** What `Ref` returns. */
  ref: unknown;
  attributes: Record<string, unknown>;
  /** The resolved properties it was deployed with: what the next deployment compares against. */
  properties: Record<string, unknown>;
  /** The resources it depends on, by logical id: deletion goes the other way. */
  dependsOn: string[];
  deletionPolicy?: string;
  updateReplacePolicy?: string;
}

/** A replaced or removed resource still to be deleted (it stays listed until it is). */
export interface CleanupRecord extends ResourceRecord {
  logicalId: string;
}

export type StackStatus = 'CREATE_COMPLETE' | 'UPDATE_COMPLETE' | 'CREATE_FAILED' | 'UPDATE_FAILED' | 'DELETE_FAILED';

/** What the deployer keeps of a stack inside the emulator, between deployments and processes. */
export interface StackRecord {
  formatVersion: 1;
  stackName: string;
  stackId: string;
  accountId: string;
  region: string;
  status: StackStatus;
  /** The template and inputs of the last deployment asked for: equal inputs make a no-op. */
  template: Template;
  parameters: Record<string, string>;
  assets: Record<string, string>;
  resources: Record<string, ResourceRecord>;
  cleanup: CleanupRecord[];
  outputs: Record<string, string>;
  /** Export names and values (absent in records written before exports were kept). */
  exports?: Record<string, string>;
  updatedAt: string;
}

/** Where a deployment keeps its stack records. */
export interface StackRecords {
  get(name: string): Promise<StackRecord | undefined>;
  put(record: StackRecord): Promise<void>;
  delete(name: string): Promise<void>;
}

/**
 * Reads and writes stack records at the emulator's `/_testbed/cloudformation/stacks/{name}`, so a
 * second process (another `npm run deploy`, the e2e setup) sees what the first deployed.
 */
export class StackRecordStore implements StackRecords {
  constructor(
    private readonly endpoint: string,
    private readonly accountId: string,
    private readonly region: string,
  ) {}

  private url(name: string): string {
    const query = new URLSearchParams({ account: this.accountId, region: this.region });
    return `${this.endpoint}/_testbed/cloudformation/stacks/${encodeURIComponent(name)}?${query}`;
  }

  private async call(method: string, name: string, body?: string): Promise<Response> {
    let answer: Response;
    try {
      answer = await fetch(this.url(name), { method, body, headers: body ? { 'content-type': 'application/json' } : undefined });
    } catch (err) {
      throw new Error(`No emulator answers at ${this.endpoint} (${(err as Error).cause ?? (err as Error).message}): start it with \`npm run emulator\`.`);
    }
    if (answer.status === 404 && method === 'GET') return answer;
    if (!answer.ok) {
      const text = await answer.text();
      throw new Error(`The emulator at ${this.endpoint} refused the stack record ${method} (${answer.status}): ${text.slice(0, 200)}. Is it this project's emulator?`);
    }
    return answer;
  }

  async get(name: string): Promise<StackRecord | undefined> {
    const answer = await this.call('GET', name);
    if (answer.status === 404) {
      await answer.body?.cancel();
      return undefined;
    }
    return (await answer.json()) as StackRecord;
  }

  async put(record: StackRecord): Promise<void> {
    await (await this.call('PUT', record.stackName, JSON.stringify(record))).body?.cancel();
  }

  async delete(name: string): Promise<void> {
    await (await this.call('DELETE', name)).body?.cancel();
  }
}
