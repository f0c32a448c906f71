/**
 * Capturing profiles: the API the extension, the language server and the
 * CLI share. Everything is cancellable with an AbortSignal and fails with a
 * CaptureError (`code` to branch on, `message` to show).
 *
 *   resolveTarget('localhost:6060' | 4242)         → PprofEndpoint
 *   findPprofEndpoints(pid)                         → PprofEndpoint[]  (a debug session's PID)
 *   findPprofProcesses()                            → PprofProcess[]   (local processes serving pprof)
 *   captureProfile(endpoint, { kind, seconds, gc }, { outDir, … }) → CaptureResult
 *   profileTest({ packageDir, name, profiles, outDir, toolchain, … }) → TestProfileResult
 */
export { captureProfile, type CaptureOptions, type CaptureResult } from './captureProfile';
export { findPprofEndpoints } from './findPprofEndpoints';
export { findPprofProcesses, type PprofProcess } from './findPprofProcesses';
export type { GoToolchain } from './goToolchain';
export { DEFAULT_CAPTURE_LIMITS, type CaptureLimits } from './limits';
export { listeningProcesses, listeningSockets } from './listeningSockets';
export { probePprof, type ProbeOptions, type ProbeResult } from './probePprof';
export { profileTest, type TestProfileOptions, type TestProfileResult } from './profileTest';
export { resolveTarget } from './resolveTarget';
export { endpointFromUrl, type PprofEndpoint } from '../../core/capture/endpoint';
export { CaptureError, type CaptureErrorCode } from '../../core/capture/errors';
export { CAPTURE_KINDS, isCaptureKind, type CaptureKind, type CaptureRequest } from '../../core/capture/kinds';
export { PPROF_SNIPPET } from '../../core/capture/pprofHint';
