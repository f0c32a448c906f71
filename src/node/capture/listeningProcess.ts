import type { ListeningSocket } from '../../core/capture/listeningSocket';

/** A process of the user's with its listening TCP sockets. */
export interface ListeningProcess {
  readonly pid: number;
  /** The command name when the system tells it (Linux comm, lsof's c field). */
  readonly name?: string;
  readonly sockets: readonly ListeningSocket[];
}
