/**
 * The first `want` bytes of a body (fewer when it is shorter), and an
 * iterable of the rest. Lets a response be judged by its start before any of
 * it is written, without holding the whole body in memory.
 */
export async function readHead(body: AsyncIterable<Uint8Array>, want: number): Promise<{ head: Uint8Array; rest: AsyncIterable<Uint8Array> }> {
  const it = body[Symbol.asyncIterator]();
  const parts: Uint8Array[] = [];
  let have = 0;
  while (have < want) {
    const next = await it.next();
    if (next.done) break;
    parts.push(next.value);
    have += next.value.length;
  }
  const all = Buffer.concat(parts);
  const rest: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      try {
        if (all.length > want) yield all.subarray(want);
        for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
      } finally {
        // A consumer that stops early (size limit, write error) ends the source too.
        await it.return?.();
      }
    },
  };
  return { head: all.subarray(0, Math.min(want, all.length)), rest };
}
