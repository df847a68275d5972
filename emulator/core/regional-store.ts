/**
 * Service state partitioned by account and region, created on first use: AWS keeps every
 * regional resource apart, and so do we.
 */
export class RegionalStore<T> {
  private readonly stores = new Map<string, T>();

  constructor(private readonly create: (accountId: string, region: string) => T) {}

  get(accountId: string, region: string): T {
    const key = `${accountId}/${region}`;
    let store = this.stores.get(key);
    if (!store) {
      store = this.create(accountId, region);
      this.stores.set(key, store);
    }
    return store;
  }

  *entries(): IterableIterator<[accountId: string, region: string, store: T]> {
    for (const [key, store] of this.stores) {
      const [accountId, region] = key.split('/') as [string, string];
      yield [accountId, region, store];
    }
  }
}
