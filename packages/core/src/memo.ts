/**
 * The one way a promise is cached: remembers what an async load gave for each key (or the one
 * value, for a load that takes none), for the life of the process (a Lambda container).
 * Concurrent callers share one load, and a failed load is forgotten so the next call tries again.
 *
 * @example const digestOf = memoizeAsync((week: string) => getDigest(db, week));
 * @example const rate = memoizeAsync(() => sendRate(ctx)); await rate();
 */
export function memoizeAsync<V, K = void>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const loaded = new Map<K, Promise<V>>();
  return (key) => {
    let value = loaded.get(key);
    if (!value) {
      value = load(key);
      loaded.set(key, value);
      value.catch(() => loaded.delete(key));
    }
    return value;
  };
}
