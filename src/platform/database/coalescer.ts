/**
 * Group commit for statements: a call runs at once while fewer than `maxInFlight` batches of
 * its key are running; otherwise it waits, and the calls that gathered meanwhile run
 * together as soon as a batch finishes. Idle, nothing waits; under load, concurrent calls
 * share a round trip, a plan execution and (for writes) a WAL flush. Calls of different keys
 * never share a batch; `split` cuts the waiting calls of a key into batches. A failing batch
 * fails each of its calls.
 */
export type BatchRunner<Req, Res> = (key: string, batch: Req[]) => Promise<Res[]>;

/** Batches of at most `max` calls, in arrival order. */
export const chunks =
  (max: number) =>
  <T>(items: T[]): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < items.length; i += max) out.push(items.slice(i, i + max));
    return out;
  };

interface Waiting<Req, Res> {
  req: Req;
  resolve: (res: Res) => void;
  reject: (e: unknown) => void;
}

export class Coalescer<Req, Res> {
  private readonly queued = new Map<string, Array<Waiting<Req, Res>>>();
  private readonly inFlight = new Map<string, number>();
  /** Batches run and calls they carried, since start (calls/batches = mean batch size). */
  readonly stats = { batches: 0, calls: 0 };

  constructor(
    private readonly run: BatchRunner<Req, Res>,
    private readonly split: (reqs: Req[]) => Req[][] = chunks(64),
    private readonly maxInFlight = 4,
  ) {}

  submit(key: string, req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      let group = this.queued.get(key);
      if (!group) this.queued.set(key, (group = []));
      group.push({ req, resolve, reject });
      this.pump(key);
    });
  }

  /** Starts the waiting calls of `key` when a batch slot is free. */
  private pump(key: string): void {
    const waiting = this.queued.get(key);
    if (!waiting || (this.inFlight.get(key) ?? 0) >= this.maxInFlight) return;
    this.queued.delete(key);
    // A lone call is its own batch: no split can cut it.
    if (waiting.length === 1) return this.start(key, waiting);
    const byReq = new Map(waiting.map((w) => [w.req, w]));
    for (const batch of this.split(waiting.map((w) => w.req)))
      this.start(
        key,
        batch.map((r) => byReq.get(r)!),
      );
  }

  private start(key: string, batch: Array<Waiting<Req, Res>>): void {
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    void this.runBatch(key, batch).finally(() => {
      const n = (this.inFlight.get(key) ?? 1) - 1;
      if (n === 0) this.inFlight.delete(key);
      else this.inFlight.set(key, n);
      this.pump(key);
    });
  }

  private async runBatch(key: string, batch: Array<Waiting<Req, Res>>): Promise<void> {
    this.stats.batches++;
    this.stats.calls += batch.length;
    try {
      const results = await this.run(
        key,
        batch.map((w) => w.req),
      );
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (e) {
      for (const w of batch) w.reject(e);
    }
  }
}
