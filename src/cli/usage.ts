/** Thrown for bad command lines; main prints the message and the usage, exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `gomem — Go memory profiles from the command line

Usage:
  gomem top FILE [--sample-type T] [--lines|--functions] [--n N] [--sort flat|cum] [--json]
      The hottest functions (default) or source lines of a pprof profile.
      --json prints [{"file","line","function","flat","cum"}] with integer values.
  gomem lines FILE SOURCE.go [--sample-type T]
      SOURCE.go with each line's flat and cum values beside it.
  gomem types FILE
      The sample types of a profile (the default marked with *).
  gomem trace TRACE [--json] [--n N]
      Summary of a Go 1.22+ execution trace: GC cycles, stop-the-world pauses,
      heap in use vs goal, goroutines, blocked time by reason (N rows per list).
      --json prints the whole summary (times in ns since the trace start).
  gomem goroutines OLD NEW [MORE…] [--json] [--n N]
      Which groups of goroutines grew between two or more goroutine profiles, each
      a pprof file or the debug=1 / debug=2 text of /debug/pprof/goroutine (or
      goroutineleak): count per snapshot, delta, top frame and creation site (the
      "created by" go statement from debug=2, else the goroutine's entry frame).
      --json prints {"snapshots","rows":[{"frames","creation","state","wait",
      "counts","delta","status"}],"groupedBy","totalDelta"}, every group.
  gomem capture TARGET --kind heap|allocs|goroutine|goroutineleak|cpu|block|mutex|trace [--seconds N] [--gc] [-o FILE]
      Fetches a profile or execution trace from a program serving net/http/pprof.
      TARGET is a URL (localhost:6060, https://host/debug/pprof/) or a PID whose
      listening ports are probed for /debug/pprof/. --seconds is the duration of
      cpu (default 30) and trace (default 1) captures; on the other kinds it asks
      for a delta profile (values may be negative). --gc runs a GC before a heap
      capture. goroutineleak needs a Go 1.26+ program built with
      GOEXPERIMENT=goroutineleakprofile. Writes FILE, or <kind>-<target>-<timestamp>.pb.gz (.trace) in the
      current directory, and prints the path written.
  gomem watch TARGET [--interval S] [--heap-growth P] [--window S] [--gc-pause MS] [--goroutines N] [--snapshot-dir D | --no-snapshot]
      Polls a running program's runtime numbers every S seconds (default 5): heap in
      use, allocation rate, GC count, worst GC pause, goroutines, one line per poll.
      Warns once per breach of a threshold (heap growth of P% within the window,
      default 50% in 60 s; a GC pause over MS, default 10; more than N goroutines,
      default 10000; 0 turns one off) and saves heap and goroutine profiles of that
      moment into D (default: the current directory). TARGET as for capture. Ctrl-C
      ends it (status 0); a target that goes away ends it with status 1.
  gomem escape [DIR] [--module] [--json] [--profile FILE] [--kinds K,…|all] [--no-tests]
      The compiler's escape analysis (go test -c -gcflags=-m=2 -json) of the package in
      DIR (default .), or with --module of every package of its module: moved to heap,
      escapes to heap, leaking param; --kinds chooses among those and can-inline,
      cannot-inline, inlined-call, cannot-inline-call, bounds-check, nil-check. With
      --profile FILE (a heap or allocs profile), each finding gets the
      bytes and objects its line allocated, costliest first. --json prints
      [{"file","line","column","kind","message"[,"bytes","objects"]}]. --no-tests uses
      go build (faster; _test.go files are not analysed).
  gomem gctrace LOG [--json]
      Summary of the GODEBUG=gctrace=1 lines in LOG (a program's stderr; other
      output may be mixed in): GC cycles, stop-the-world pauses (p50, p99, max),
      heap at start/end/live and goal, GC CPU share, and a row per cycle.
      --json prints {"cycles": [{"n","atSec","clockMs","heapMB","goalMB","procs",
      "forced"}], "summary": {…}} with times in ms and sizes in MB as printed.

FILE is a pprof profile (.pb.gz, .pprof, .prof; gzip or raw protobuf).
T is a sample type name (alloc_space, inuse_objects, …) or its index.
Environment: GOMEM_MAX_PROFILE_BYTES caps the decompressed size (default 1 GiB).`;
