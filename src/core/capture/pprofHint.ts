/** The two lines that make a Go program serve its profiles (for a "copy snippet" action). */
export const PPROF_SNIPPET = `import _ "net/http/pprof"
go http.ListenAndServe("localhost:6060", nil)`;

/** Ends every "does not serve pprof" message, so the fix is right there. */
export const NO_PPROF_HINT = `To serve profiles, import net/http/pprof and start an HTTP server in main:\n${PPROF_SNIPPET.replace(/^/gm, '    ')}`;
