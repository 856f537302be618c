// Bundled in place of mnemonist/lru-cache (and the rest of mnemonist and obliterator it pulls in; see
// infra/build/build.mjs). Its one user is the AWS SDK's EndpointCache (DynamoDB endpoint discovery), which
// builds one cache per client and calls has/peek/get/set/clear (with discovery off, the default, only a
// has() per request, which finds nothing). This is the same least-recently-used cache on a Map
// (insertion order = recency): get and set make a key the most recent, peek and has do not, and a set
// of a new key at capacity evicts the least recent one.
export default class LRUCache<K, V> {
  private readonly items = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (typeof capacity !== 'number' || capacity <= 0 || !Number.isInteger(capacity))
      throw new Error('mnemonist/lru-cache: capacity should be positive number.');
  }

  get size(): number {
    return this.items.size;
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  peek(key: K): V | undefined {
    return this.items.get(key);
  }

  get(key: K): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key) as V;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    if (this.items.has(key)) this.items.delete(key);
    else if (this.items.size >= this.capacity) this.items.delete(this.items.keys().next().value as K);
    this.items.set(key, value);
  }

  clear(): void {
    this.items.clear();
  }
}
