/**
 * What went wrong, as a word the UI can switch on (stay quiet on `cancelled`,
 * offer the pprof snippet on `no-pprof`, …); the message is for people.
 */
export type CaptureErrorCode =
  | 'bad-request' // the caller asked for something pprof cannot serve (gc with seconds, …)
  | 'bad-target' // not a URL or PID we can use
  | 'no-process' // no process with that PID
  | 'no-access' // the process's sockets cannot be read (another user's process)
  | 'no-pprof' // the process listens, but nothing answers like net/http/pprof
  | 'refused' // connection refused
  | 'connect-timeout' // no TCP connection within the connect timeout
  | 'timeout' // no complete answer within the total timeout
  | 'network' // any other socket or TLS failure
  | 'http-status' // a non-2xx answer
  | 'not-a-profile' // 2xx, but HTML, text or something else instead of the profile
  | 'too-large' // the body passed the size limit
  | 'cancelled' // the caller's AbortSignal fired
  | 'write' // the file could not be written
  | 'go-failed'; // `go test` ended without writing any profile

/** Every capture failure: a code to branch on and a message that says what came back. */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
  ) {
    super(message);
  }
}
