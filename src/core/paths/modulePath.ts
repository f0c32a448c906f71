/**
 * Go's module cache stores paths with upper-case letters escaped as '!' plus
 * the lower-case letter (golang.org/x/mod/module EscapePath), so
 * github.com/BurntSushi/toml lives under github.com/!burnt!sushi/toml.
 */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

export function unescapeModulePath(path: string): string {
  return path.replace(/!([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The `module` directive of a go.mod file's text, or undefined. */
export function moduleDirective(goMod: string): string | undefined {
  const m = /^\s*module\s+("?)([^\s"]+)\1\s*(?:\/\/.*)?$/m.exec(goMod);
  return m?.[2];
}
