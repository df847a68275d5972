/**
 * What the deployer last deployed, per stack, kept inside the emulator so a second process (a
 * second `npm run deploy`, the e2e setup) sees the same stacks the first one made, and the stack
 * dies with the emulator's other state. The record is the deployer's own JSON document; the
 * emulator stores it without interpreting it.
 */
export class StackRecords {
  private readonly records = new Map<string, string>();

  private static key(accountId: string, region: string, name: string): string {
    return `${accountId}/${region}/${name}`;
  }

  get(accountId: string, region: string, name: string): string | undefined {
    return this.records.get(StackRecords.key(accountId, region, name));
  }

  put(accountId: string, region: string, name: string, document: string): void {
    this.records.set(StackRecords.key(accountId, region, name), document);
  }

  delete(accountId: string, region: string, name: string): boolean {
    return this.records.delete(StackRecords.key(accountId, region, name));
  }
}
