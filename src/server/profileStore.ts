import { isAbsolute, resolve } from 'node:path';
import type { SourceResolver } from '../core/paths/resolveSource';
import type { ProfilesState } from '../protocol/lsp';
import { loadProfile, profileInfo, warmTables, type LoadedProfile } from './loadedProfile';

/** The profiles the server holds: several at once, one of them active. */
export class ProfileStore {
  private readonly profiles = new Map<string, LoadedProfile>();
  private activeId: string | undefined;
  private nextId = 1;

  constructor(
    private maxBytes: number,
    private resolver: () => Promise<SourceResolver>,
  ) {}

  /** Applies the options a client sent at initialize. */
  configure(maxBytes: number, resolver: () => Promise<SourceResolver>, baseDir?: string): void {
    this.maxBytes = maxBytes;
    this.resolver = resolver;
    this.baseDir = baseDir;
  }

  private baseDir: string | undefined;

  /** Loads (or reloads) a profile file and makes it active. */
  /** The decompressed-size limit (gomem.maxProfileBytes), for other files the server reads. */
  get maxProfileBytes(): number {
    return this.maxBytes;
  }

  /** Maps source paths as recorded (profiles, traces) to files on this machine. */
  sourceResolver(): Promise<SourceResolver> {
    return this.resolver();
  }

  /** A path as given by a client: relative ones are relative to the workspace. */
  absolute(given: string): string {
    return isAbsolute(given) || !this.baseDir ? given : resolve(this.baseDir, given);
  }

  async load(given: string, activate = true): Promise<LoadedProfile> {
    // Editors configured by hand may name profiles relative to the workspace.
    const path = this.absolute(given);
    const existing = [...this.profiles.values()].find((p) => p.path === path);
    const id = existing?.id ?? `p${this.nextId++}`;
    const loaded = await loadProfile(id, path, this.maxBytes, await this.resolver());
    if (existing) loaded.sampleTypeIndex = Math.min(existing.sampleTypeIndex, loaded.profile.sampleTypes.length - 1);
    this.profiles.set(id, loaded);
    warmTables(loaded, () => this.profiles.get(id) === loaded);
    if (activate || !this.activeId) this.activeId = id;
    return loaded;
  }

  unload(id?: string): void {
    const target = id ?? this.activeId;
    if (!target) return;
    this.profiles.delete(target);
    for (const p of this.profiles.values()) if (p.baseId === target) p.baseId = undefined;
    if (this.activeId === target) this.activeId = [...this.profiles.keys()].pop();
  }

  setActive(id: string): void {
    if (!this.profiles.has(id)) throw new Error(`no loaded profile with id ${id}`);
    this.activeId = id;
  }

  get(id?: string): LoadedProfile | undefined {
    const target = id ?? this.activeId;
    return target ? this.profiles.get(target) : undefined;
  }

  active(): LoadedProfile | undefined {
    return this.get();
  }

  state(): ProfilesState {
    return { activeId: this.activeId, profiles: [...this.profiles.values()].map(profileInfo) };
  }
}
