import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage';

/** parseArgs with positionals allowed; its complaints (unknown or malformed options) become UsageErrors. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
