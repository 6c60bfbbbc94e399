interface Made {
  value: unknown;
  dispose: () => Promise<void>;
}

/**
 * Setup that several benches use (a stack with a filled workspace): made by the first bench of a
 * run that asks for it, torn down once every bench of the run is over.
 */
export class SharedSetup {
  private readonly made = new Map<string, Promise<Made>>();

  /** `make` cleans up after itself when it fails. */
  get<T>(key: string, make: () => Promise<{ value: T; dispose: () => Promise<void> }>): Promise<T> {
    let entry = this.made.get(key);
    if (!entry) {
      entry = make();
      this.made.set(key, entry);
    }
    return entry.then((made) => made.value as T);
  }

  async dispose(): Promise<void> {
    for (const entry of this.made.values()) {
      const made = await entry.catch(() => null);
      await made?.dispose();
    }
    this.made.clear();
  }
}
