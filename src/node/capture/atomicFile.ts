import { randomBytes } from 'node:crypto';
import { access, link, mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { numberedFileName } from '../../core/capture/fileName';
import { CaptureError } from '../../core/capture/errors';

export interface WrittenFile {
  readonly file: string;
  readonly bytes: number;
}

/**
 * Writes chunks to `dir/name` so that the file either appears whole or not
 * at all: a hidden temp file in the same directory, renamed when complete
 * and removed on any failure (including the source's own errors, which pass
 * through unchanged). Without `overwrite`, an existing name gets `-2`, `-3`….
 */
export async function writeAtomically(
  dir: string,
  name: string,
  chunks: AsyncIterable<Uint8Array>,
  opts: { overwrite?: boolean } = {},
): Promise<WrittenFile> {
  await mkdir(dir, { recursive: true }).catch((err: Error) => {
    throw new CaptureError('write', `cannot create ${dir}: ${err.message}`);
  });
  const temp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.partial`);
  try {
    const bytes = await writeAll(temp, chunks);
    const file = opts.overwrite ? await replace(temp, join(dir, name)) : await claimName(temp, dir, name);
    return { file, bytes };
  } catch (err) {
    await rm(temp, { force: true });
    if (err instanceof CaptureError) throw err;
    throw new CaptureError('write', `cannot write ${join(dir, name)}: ${(err as Error).message}`);
  }
}

/**
 * Opens, writes and closes in sequence, so that when this settles no open or
 * write is still in flight: a stream's lazy open could otherwise create the
 * temp file after the cleanup removed it (seen in CI on a dropped connection).
 */
async function writeAll(temp: string, chunks: AsyncIterable<Uint8Array>): Promise<number> {
  const fh = await open(temp, 'wx');
  let bytes = 0;
  try {
    for await (const c of chunks) {
      await fh.write(c);
      bytes += c.length;
    }
  } finally {
    await fh.close();
  }
  return bytes;
}

async function replace(temp: string, file: string): Promise<string> {
  await rename(temp, file);
  return file;
}

/**
 * A hard link fails with EEXIST instead of replacing, so two captures in the
 * same second cannot overwrite each other; where links are not supported
 * (some network and FAT file systems) a plain rename does the job.
 */
async function claimName(temp: string, dir: string, name: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const file = join(dir, n === 1 ? name : numberedFileName(name, n));
    try {
      await link(temp, file);
      await rm(temp, { force: true });
      return file;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
      if (!(await exists(file))) return replace(temp, file);
    }
  }
  throw new CaptureError('write', `too many files named like ${name} in ${dir}`);
}

function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
