/**
 * A DataLoader-style batcher: every `load` made while GraphQL resolves one level of a
 * document (the same turn of the event loop) is answered by one `batch` call, so a list of
 * clusters costs one statement, not one per cluster. One loader per request and key space:
 * loaders hold no cache between requests.
 */
export class BatchLoader<K, V> {
  private pending: { key: K; resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly batch: (keys: K[]) => Promise<Map<K, V>>,
    /** The error for a key the batch has no value for (say, a cluster deleted meanwhile). */
    private readonly missing: (key: K) => unknown = () =>
      new Error('batch loader returned no value for a key'),
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.pending.push({ key, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.pending;
    this.pending = [];
    try {
      const values = await this.batch([...new Set(waiting.map((w) => w.key))]);
      for (const w of waiting) {
        const v = values.get(w.key);
        if (v === undefined) w.reject(this.missing(w.key));
        else w.resolve(v);
      }
    } catch (e) {
      for (const w of waiting) w.reject(e);
    }
  }
}

/**
 * Per-request loaders, keyed by the GraphQL context object of the request (a request has one
 * caller, so one tenant).
 */
export class RequestLoaders<L> {
  private readonly byRequest = new WeakMap<object, L>();

  constructor(private readonly create: (tenantId: string) => L) {}

  of(context: object, tenantId: string): L {
    let loaders = this.byRequest.get(context);
    if (!loaders) {
      loaders = this.create(tenantId);
      this.byRequest.set(context, loaders);
    }
    return loaders;
  }
}
