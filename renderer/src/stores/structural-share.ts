/*
 * Main sends the whole session with every answer and every event. Keeping the parts that did not
 * change as the very objects the screen already shows lets memoised components (a pack line) skip
 * their render, and an unchanged session skip the store update altogether.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `next`, with every part deep-equal to the same part of `previous` replaced by that part. */
export function shareEqual<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next;
  if (Array.isArray(previous) && Array.isArray(next)) {
    let isSame = previous.length === next.length;
    const shared = next.map((item: unknown, index) => {
      const part = shareEqual(previous[index], item);
      if (part !== previous[index]) isSame = false;
      return part;
    });
    return (isSame ? previous : shared) as T;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const keys = Object.keys(next);
    let isSame = keys.length === Object.keys(previous).length;
    const shared: Record<string, unknown> = {};
    for (const key of keys) {
      const part = shareEqual(previous[key], next[key]);
      if (!Object.hasOwn(previous, key) || part !== previous[key]) isSame = false;
      shared[key] = part;
    }
    return (isSame ? previous : shared) as T;
  }
  return next;
}
