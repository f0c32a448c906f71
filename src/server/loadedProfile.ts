import { existsSync, realpathSync } from 'node:fs';
import { basename } from 'node:path';
import type { SourceResolver } from '../core/paths/resolveSource';
import type { Profile } from '../core/pprof/model';
import { companionCountType } from '../core/pprof/sampleTypes';
import { buildTables, indexByFile, type FileLineValues, type ProfileTables } from '../core/pprof/tables';
import { loadProfileFile } from '../node/loadProfile';
import type { ProfileInfo } from '../protocol/lsp';

/** A decoded profile with its tables and its source files found on this machine. */
export interface LoadedProfile {
  readonly id: string;
  readonly path: string;
  readonly profile: Profile;
  readonly tables: ProfileTables;
  /** Real path of a local source file → the profile's lines for it. */
  readonly byLocalFile: Map<string, FileLineValues[]>;
  /** Profile file name → local path, for the files that were found. */
  readonly localPathOf: Map<string, string>;
  /** Real local path → the profile's names for it (usually one). */
  readonly profileNamesOf: Map<string, string[]>;
  readonly fileCount: number;
  sampleTypeIndex: number;
  /** Id of the profile this one is compared with (line stats become deltas). */
  baseId?: string;
}

export async function loadProfile(id: string, path: string, maxBytes: number, resolve: SourceResolver): Promise<LoadedProfile> {
  const profile = await loadProfileFile(path, maxBytes);
  const tables = buildTables(profile);
  const byFile = indexByFile(tables.fileLines);
  const byLocalFile = new Map<string, FileLineValues[]>();
  const localPathOf = new Map<string, string>();
  const profileNamesOf = new Map<string, string[]>();
  for (const [file, lines] of byFile) {
    const local = resolve(file);
    if (!local) continue;
    localPathOf.set(file, local);
    const key = realPath(local);
    byLocalFile.set(key, [...(byLocalFile.get(key) ?? []), ...lines]);
    profileNamesOf.set(key, [...(profileNamesOf.get(key) ?? []), file]);
  }
  return { id, path, profile, tables, byLocalFile, localPathOf, profileNamesOf, fileCount: byFile.size, sampleTypeIndex: profile.defaultSampleTypeIndex };
}

/**
 * Computes the tables' values for every sample type in the background, one
 * walk over the samples per macrotask (requests are served in between): the
 * shown type first, then its count type, then the rest, so a sample-type
 * switch or a first hover (which lists every type) finds them ready. Tables
 * compute on first use anyway; this only moves the cost off the first
 * request. Stops as soon as `alive()` is false (the profile was closed or
 * reloaded).
 */
export function warmTables(lp: LoadedProfile, alive: () => boolean): void {
  const types = lp.profile.sampleTypes.map((_, i) => i);
  const order = [...new Set([lp.sampleTypeIndex, countTypeIndex(lp), ...types])].filter((t) => t >= 0);
  // Two types per walk (see Table.valuesOf): the shown type with its count type first.
  const pairs = order.filter((_, i) => i % 2 === 0).map((t, i) => [t, order[2 * i + 1] ?? t] as const);
  const steps = pairs.flatMap(([a, b]) => [() => lp.tables.fileLines.valuesOf(a, b), () => lp.tables.functions.valuesOf(a, b)]);
  const next = (): void => {
    const step = steps.shift();
    if (!step || !alive()) return;
    step();
    setImmediate(next);
  };
  setImmediate(next);
}

export function realPath(p: string): string {
  try {
    return existsSync(p) ? realpathSync(p) : p;
  } catch {
    return p;
  }
}

export function profileInfo(lp: LoadedProfile): ProfileInfo {
  return {
    id: lp.id,
    path: lp.path,
    name: basename(lp.path),
    sampleTypes: lp.profile.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })),
    sampleTypeIndex: lp.sampleTypeIndex,
    defaultSampleTypeIndex: lp.profile.defaultSampleTypeIndex,
    samples: lp.profile.samples.count,
    files: lp.fileCount,
    resolvedFiles: lp.byLocalFile.size,
    inexactValues: lp.profile.inexactValues,
    baseId: lp.baseId,
  };
}

/** The companion count type of the profile's current sample type, or -1. */
export function countTypeIndex(lp: LoadedProfile): number {
  return companionCountType(lp.profile.sampleTypes, lp.sampleTypeIndex);
}
