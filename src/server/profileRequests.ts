import { ResponseError, type Connection } from 'vscode-languageserver/node';
import { ProfileFormatError } from '../core/pprof/errors';
import {
  ListProfilesRequest,
  LoadProfileRequest,
  ServerInfoRequest,
  SetBaseRequest,
  SetActiveProfileRequest,
  SetSampleTypeRequest,
  TopRowsRequest,
  UnloadProfileRequest,
} from '../protocol/lsp';
import { SERVER_COMMANDS, type ProfileInfo, type ProfilesState } from '../protocol/types';
import { profileInfo } from './loadedProfile';
import type { ProfileStore } from './profileStore';
import { topRows } from './topRows';

/**
 * The profile-management requests, available both as gomem's custom requests
 * (VS Code) and as workspace/executeCommand commands (any LSP editor).
 */
export interface ProfileActions {
  load(path: string, activate?: boolean): Promise<ProfileInfo>;
  unload(id?: string): ProfilesState;
  setSampleType(sampleType: number | string, id?: string): ProfileInfo;
  list(): ProfilesState;
}

export function profileActions(store: ProfileStore, changed: () => void): ProfileActions {
  return {
    async load(path, activate = true) {
      try {
        const lp = await store.load(path, activate);
        changed();
        return profileInfo(lp);
      } catch (err) {
        throw asResponseError(err);
      }
    },
    unload(id) {
      store.unload(id);
      changed();
      return store.state();
    },
    setSampleType(sampleType, id) {
      const lp = store.get(id);
      if (!lp) throw new ResponseError(1, 'no profile is loaded');
      const types = lp.profile.sampleTypes;
      const index = typeof sampleType === 'number' ? sampleType : types.findIndex((t) => t.type === sampleType);
      if (!(Number.isInteger(index) && index >= 0 && index < types.length)) {
        throw new ResponseError(2, `unknown sample type ${String(sampleType)}; the profile has ${types.map((t) => t.type).join(', ')}`);
      }
      lp.sampleTypeIndex = index;
      changed();
      return profileInfo(lp);
    },
    list: () => store.state(),
  };
}

export function registerProfileRequests(conn: Connection, store: ProfileStore, actions: ProfileActions, changed: () => void): void {
  conn.onRequest(LoadProfileRequest, ({ path, activate }) => actions.load(path, activate ?? true));
  conn.onRequest(UnloadProfileRequest, ({ id }) => actions.unload(id));
  conn.onRequest(SetSampleTypeRequest, ({ id, sampleType }) => actions.setSampleType(sampleType, id));
  conn.onRequest(ListProfilesRequest, () => actions.list());
  conn.onRequest(SetActiveProfileRequest, ({ id }) => {
    if (id) store.setActive(id);
    return actions.list();
  });
  conn.onRequest(SetBaseRequest, ({ id, baseId }) => {
    const lp = store.get(id);
    if (!lp) throw new ResponseError(1, 'no profile is loaded');
    if (baseId !== null && (!store.get(baseId) || baseId === lp.id)) throw new ResponseError(1, `no other loaded profile with id ${baseId}`);
    lp.baseId = baseId ?? undefined;
    changed();
    return actions.list();
  });
  conn.onRequest(TopRowsRequest, (params) => {
    const lp = store.get(params.id);
    if (!lp) throw new ResponseError(1, 'no profile is loaded');
    return topRows(lp, params);
  });
  conn.onRequest(ServerInfoRequest, ({ gc }) => {
    const maybeGc = (globalThis as { gc?: () => void }).gc;
    if (gc && maybeGc) maybeGc();
    const mem = process.memoryUsage();
    return { pid: process.pid, version: SERVER_VERSION, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, cpuMicros: cpuMicros(), profiles: store.state().profiles.length };
  });
  conn.onExecuteCommand(async ({ command, arguments: args = [] }) => {
    switch (command) {
      case SERVER_COMMANDS.loadProfile: return actions.load(String(args[0]));
      case SERVER_COMMANDS.unloadProfile: return actions.unload(args[0] as string | undefined);
      case SERVER_COMMANDS.setSampleType: return actions.setSampleType(args[0] as number | string, args[1] as string | undefined);
      case SERVER_COMMANDS.listProfiles: return actions.list();
      default: throw new ResponseError(5, `unknown command ${command}`);
    }
  });
}

export const SERVER_VERSION = '0.1.0';

function asResponseError(err: unknown): ResponseError<void> {
  if (err instanceof ProfileFormatError) return new ResponseError(3, err.message);
  return new ResponseError(4, err instanceof Error ? err.message : String(err));
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}
