import { basename, dirname, resolve } from 'node:path';
import { CaptureError } from '../core/capture/errors';
import { CAPTURE_KINDS, captureSeconds, isCaptureKind, isTimed, validateRequest, type CaptureRequest } from '../core/capture/kinds';
import { captureProfile } from '../node/capture/captureProfile';
import { resolveTarget } from '../node/capture/resolveTarget';
import { parseCommandArgs } from './commandArgs';
import { UsageError } from './usage';

/**
 * `gomem capture TARGET --kind K [--seconds N] [--gc] [-o FILE]`: the same
 * capture code as the editor's commands. Prints the path of the file written,
 * so `go tool pprof "$(gomem capture …)"` works.
 */
export async function captureCommand(argv: string[]): Promise<string> {
  const { target, request, output } = parseCaptureArgs(argv);
  const endpoint = await resolveTarget(target);
  if (isTimed(request.kind)) process.stderr.write(`capturing ${request.kind} for ${captureSeconds(request)} s from ${endpoint.url}…\n`);
  const out = output ? { outDir: dirname(resolve(output)), fileName: basename(output) } : { outDir: process.cwd() };
  const result = await captureProfile(endpoint, request, out);
  return result.file;
}

function parseCaptureArgs(argv: string[]): { target: string; request: CaptureRequest; output?: string } {
  const { values, positionals } = parse(argv);
  if (positionals.length !== 1) throw new UsageError('capture needs one TARGET: a URL or a PID');
  const kind = values.kind;
  if (!kind) throw new UsageError(`capture needs --kind (${CAPTURE_KINDS.join('|')})`);
  if (!isCaptureKind(kind)) throw new UsageError(`unknown --kind "${kind}"; expected one of ${CAPTURE_KINDS.join(', ')}`);
  const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
  const request: CaptureRequest = { kind, seconds, gc: values.gc };
  try {
    validateRequest(request);
  } catch (err) {
    throw err instanceof CaptureError ? new UsageError(err.message) : err;
  }
  return { target: positionals[0], request, output: values.output };
}

function parse(argv: string[]) {
  return parseCommandArgs(argv, {
    kind: { type: 'string' },
    seconds: { type: 'string' },
    gc: { type: 'boolean' },
    output: { type: 'string', short: 'o' },
  });
}
