/**
 * The last few results of some slow work, by key: a result is computed once and kept while it is
 * among the `size` used last. A promise that fails is forgotten, so that the next call tries again.
 */
export class Recent<T> {
  private readonly kept = new Map<string, T>();

  constructor(private readonly size: number) {}

  get(key: string, compute: () => T): T {
    let value = this.kept.get(key);
    if (value !== undefined) this.kept.delete(key);
    else {
      value = compute();
      if (value instanceof Promise)
        value.catch(() => {
          if (this.kept.get(key) === value) this.kept.delete(key);
        });
    }
    this.kept.set(key, value);
    if (this.kept.size > this.size) this.kept.delete(this.kept.keys().next().value!);
    return value;
  }

  /** Drop what is kept under `key`, so that the next `get` computes it again. */
  forget(key: string): void {
    this.kept.delete(key);
  }
}
