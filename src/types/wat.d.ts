/** A WebAssembly text module, assembled at build time (scripts/watPlugin.mjs). */
declare module '*.wat' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
