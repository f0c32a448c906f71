/** `f` remembered by argument: compiler output names a handful of files tens of thousands of times. */
export function memo<T>(f: (s: string) => T): (s: string) => T {
  const known = new Map<string, T>();
  return (s) => {
    if (known.has(s)) return known.get(s)!;
    const v = f(s);
    known.set(s, v);
    return v;
  };
}
