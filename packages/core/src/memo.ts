/**
 * Remembers what an async load gave for each key, for the life of the process (a Lambda
 * container): concurrent callers share one load, and a failed load is forgotten so the next
 * call tries again.
 */
export function memoizeAsync<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
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
