import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { FlameTreeParams, FlameTreeWire, FunctionsAtParams } from './flame';
import type { GoroutineCompareParams, GoroutineCompareResult } from './goroutineView';
import type { TraceSummaryParams, TraceSummaryResult } from './traceView';
import type {
  EscapeChangedParams,
  EscapeHoverParams,
  EscapeOutputParams,
  EscapeOutputResult,
  EscapeRunParams,
  EscapeRunResult,
  EscapeSitesParams,
  EscapeSitesResult,
  EscapeViewParams,
  LineStatsParams,
  LineStatsResult,
  LoadProfileParams,
  ProfileIdParams,
  ProfileInfo,
  ProfilesState,
  ServerInfo,
  ServerInfoParams,
  SetBaseParams,
  SetSampleTypeParams,
  TopRowsParams,
  TopRowsResult,
} from './types';

export type * from './types';

/**
 * Every custom request and notification between the extension (or any LSP
 * client) and gomem's language server, declared once. Both sides import these
 * objects; the method strings appear nowhere else.
 */
export const LoadProfileRequest = new RequestType<LoadProfileParams, ProfileInfo, void>('gomem/loadProfile');
export const UnloadProfileRequest = new RequestType<ProfileIdParams, ProfilesState, void>('gomem/unloadProfile');
export const SetActiveProfileRequest = new RequestType<ProfileIdParams, ProfilesState, void>('gomem/setActiveProfile');
export const SetSampleTypeRequest = new RequestType<SetSampleTypeParams, ProfileInfo, void>('gomem/setSampleType');
export const ListProfilesRequest = new RequestType0<ProfilesState, void>('gomem/listProfiles');
export const LineStatsRequest = new RequestType<LineStatsParams, LineStatsResult | null, void>('gomem/lineStats');
export const TopRowsRequest = new RequestType<TopRowsParams, TopRowsResult, void>('gomem/topRows');
export const ServerInfoRequest = new RequestType<ServerInfoParams, ServerInfo, void>('gomem/serverInfo');
export const FlameTreeRequest = new RequestType<FlameTreeParams, FlameTreeWire, void>('gomem/flameTree');
export const FunctionsAtRequest = new RequestType<FunctionsAtParams, string[], void>('gomem/functionsAt');
export const SetBaseRequest = new RequestType<SetBaseParams, ProfilesState, void>('gomem/setBase');
export const TraceSummaryRequest = new RequestType<TraceSummaryParams, TraceSummaryResult, void>('gomem/traceSummary');
export const GoroutineCompareRequest = new RequestType<GoroutineCompareParams, GoroutineCompareResult, void>('gomem/goroutineCompare');

/** Server → client: loaded profiles, the active one or its sample type changed. */
export const ProfilesChangedNotification = new NotificationType<ProfilesState>('gomem/profilesChanged');

/** Escape analysis: run the compiler for a package or module, choose what shows, read sites, hovers and the raw -m text. */
export const EscapeRunRequest = new RequestType<EscapeRunParams, EscapeRunResult, void>('gomem/escapeRun');
export const EscapeViewRequest = new RequestType<EscapeViewParams, void, void>('gomem/escapeView');
export const EscapeSitesRequest = new RequestType<EscapeSitesParams, EscapeSitesResult, void>('gomem/escapeSites');
export const EscapeHoverRequest = new RequestType<EscapeHoverParams, string | null, void>('gomem/escapeHover');
export const EscapeOutputRequest = new RequestType<EscapeOutputParams, EscapeOutputResult | null, void>('gomem/escapeOutput');
/** Server → client: escape findings changed for these documents. */
export const EscapeChangedNotification = new NotificationType<EscapeChangedParams>('gomem/escapeChanged');
