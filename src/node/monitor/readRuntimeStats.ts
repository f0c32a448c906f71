import { CaptureError } from '../../core/capture/errors';
import { parseExpvar } from '../../core/monitor/expvar';
import { parseGoroutineTotal } from '../../core/monitor/goroutineCount';
import type { MemStats } from '../../core/monitor/memStats';
import { parseMemStatsTrailer, TrailerScanner } from '../../core/monitor/memStatsTrailer';
import { httpGet, type HttpResponse } from '../capture/httpGet';

export interface ReadOptions {
  readonly connectTimeoutMs: number;
  readonly totalTimeoutMs: number;
  readonly signal?: AbortSignal;
}

/** expvar's JSON is a few kB (MemStats with BySize, cmdline); more is not expvar. */
const MAX_EXPVAR_BYTES = 4 * 1024 * 1024;

/**
 * MemStats from `heap?debug=1` (never `gc=1`: a poll must not force a
 * collection). The body streams through a TrailerScanner, so only the
 * trailer is held, whatever the size of the profile text before it.
 */
export async function readHeapMemStats(pprofUrl: string, opts: ReadOptions): Promise<MemStats> {
  const url = new URL('heap?debug=1', pprofUrl).toString();
  return withResponse(url, opts, async (res) => {
    const scanner = new TrailerScanner();
    const text = new TextDecoder();
    for await (const chunk of res.body) scanner.push(text.decode(chunk, { stream: true }));
    scanner.push(text.decode());
    return parseMemStatsTrailer(scanner.end(), url);
  });
}

/** MemStats from expvar's `/debug/vars` beside the pprof index (`…/debug/pprof/` → `…/debug/vars`). */
export async function readExpvarMemStats(pprofUrl: string, opts: ReadOptions): Promise<MemStats> {
  const url = expvarUrl(pprofUrl);
  return withResponse(url, opts, async (res) => {
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += chunk.length;
      if (size > MAX_EXPVAR_BYTES) throw new CaptureError('too-large', `${url} sent more than ${MAX_EXPVAR_BYTES} bytes: not expvar`);
      parts.push(chunk);
    }
    return parseExpvar(Buffer.concat(parts).toString('utf8'), url).memStats;
  });
}

/**
 * The goroutine count: the first line of `goroutine?debug=1`, then the
 * connection is closed. The program still walks every goroutine's stack
 * (a short stop-the-world), but only one line crosses the wire.
 */
export async function readGoroutineCount(pprofUrl: string, opts: ReadOptions): Promise<number> {
  const url = new URL('goroutine?debug=1', pprofUrl).toString();
  return withResponse(url, opts, async (res) => {
    let head = '';
    const text = new TextDecoder();
    for await (const chunk of res.body) {
      head += text.decode(chunk, { stream: true });
      if (head.includes('\n') || head.length > 256) break;
    }
    return parseGoroutineTotal(head.split('\n')[0], url);
  });
}

export function expvarUrl(pprofUrl: string): string {
  return new URL('../vars', pprofUrl).toString();
}

async function withResponse<T>(url: string, opts: ReadOptions, read: (res: HttpResponse) => Promise<T>): Promise<T> {
  const res = await httpGet(url, opts);
  try {
    if (res.status !== 200) throw new CaptureError('http-status', `${url} answered ${res.status} ${res.statusText}`.trim());
    return await read(res);
  } finally {
    res.close();
  }
}
