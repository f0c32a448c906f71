// esbuild plugin: `import bytes from './x.wat'` gives the module assembled
// from its WebAssembly text by wabt (the WebAssembly Binary Toolkit), as a
// Uint8Array. The text is the source of truth; no .wasm file is generated or
// committed. Every bundle (product, tests, benches) is built through this.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let wabt;

/** The binary module for a .wat file's text; throws with wabt's message on a syntax error. */
export async function assembleWat(file, text) {
  wabt ??= await require('wabt')();
  const mod = wabt.parseWat(file, text);
  try {
    mod.validate();
    return mod.toBinary({ write_debug_names: true }).buffer;
  } finally {
    mod.destroy();
  }
}

export const watPlugin = {
  name: 'wat',
  setup(build) {
    build.onLoad({ filter: /\.wat$/ }, async (args) => {
      const bytes = await assembleWat(args.path, await readFile(args.path, 'utf8'));
      return { contents: bytes, loader: 'binary' };
    });
  },
};
