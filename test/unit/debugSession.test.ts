import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromAdapter, fromClient, initialState, type DapMessage, type DapSessionState } from '../../src/debug/dapSession';

/**
 * The DAP transitions gomem follows, on message shapes recorded from Delve
 * 1.27 (`dlv dap`): the process event after launch, stops, the stack trace
 * VS Code asks for, resuming requests, the end.
 */
const launch = initialState({ request: 'launch', mode: 'exec' });
const PROCESS: DapMessage = { type: 'event', event: 'process', body: { name: '/tmp/pprofserver', systemProcessId: 23842, isLocalProcess: true, startMethod: 'launch' } };
const STOPPED: DapMessage = { type: 'event', event: 'stopped', body: { reason: 'breakpoint', threadId: 66, allThreadsStopped: true, hitBreakpointIds: [1] } };
const STACK: DapMessage = {
  type: 'response',
  command: 'stackTrace',
  success: true,
  body: { stackFrames: [{ id: 1000, name: 'main.registerControls.func1', source: { name: 'main.go', path: '/x/main.go' }, line: 84, column: 0 }], totalFrames: 12 },
};

function run(s: DapSessionState, steps: [('adapter' | 'client'), DapMessage][]): { state: DapSessionState; changes: string[] } {
  const changes: string[] = [];
  for (const [from, m] of steps) {
    const [next, change] = from === 'adapter' ? fromAdapter(s, m) : fromClient(s, m);
    s = next;
    if (change) changes.push(change);
  }
  return { state: s, changes };
}

test('launch: the PID comes from the process event', () => {
  assert.equal(launch.pid, undefined);
  const { state, changes } = run(launch, [['adapter', PROCESS]]);
  assert.equal(state.pid, 23842);
  assert.deepEqual(changes, ['pid']);
  assert.deepEqual(run(state, [['adapter', PROCESS]]).changes, [], 'the same PID again changes nothing');
});

test('attach: the PID comes from the configuration; a remote attach has none', () => {
  assert.equal(initialState({ request: 'attach', mode: 'local', processId: 4242 }).pid, 4242);
  assert.equal(initialState({ request: 'attach', processId: '4242' }).pid, 4242, 'a picked process arrives as a string');
  assert.equal(initialState({ request: 'attach', processId: '${command:pickProcess}' }).pid, undefined);
  const remote = initialState({ request: 'attach', mode: 'remote', processId: 1 });
  assert.deepEqual([remote.remote, remote.pid], [true, undefined]);
  const { state } = run(launch, [['adapter', { type: 'event', event: 'process', body: { systemProcessId: 7, isLocalProcess: false } }]]);
  assert.deepEqual([state.remote, state.pid], [true, undefined], 'a process on another machine');
});

test('a stop pauses, names its frame once, and any resuming request ends the pause', () => {
  const { state, changes } = run(launch, [
    ['adapter', PROCESS],
    ['adapter', STOPPED],
    ['adapter', STACK],
    ['adapter', { ...STACK, body: { stackFrames: [{ name: 'runtime.goexit', line: 1 }] } }],
  ]);
  assert.deepEqual(changes, ['pid', 'stopped', 'frame']);
  assert.equal(state.paused, true);
  assert.equal(state.stops, 1);
  assert.deepEqual(state.lastStop, { reason: 'breakpoint', threadId: 66, frame: 'main.registerControls.func1 (main.go:84)' });
  for (const command of ['continue', 'next', 'stepIn', 'stepOut']) {
    const r = run(state, [['client', { type: 'request', command }]]);
    assert.deepEqual([r.state.paused, r.changes], [false, ['resumed']], command);
  }
  for (const command of ['stackTrace', 'scopes', 'variables', 'evaluate', 'threads']) {
    assert.equal(run(state, [['client', { type: 'request', command }]]).state.paused, true, `${command} does not resume`);
  }
  assert.equal(run(state, [['adapter', { type: 'event', event: 'continued', body: { threadId: 66, allThreadsContinued: true } }]]).state.paused, false);
});

test('stops are counted, stopping on entry is not', () => {
  const { state } = run(launch, [
    ['adapter', { type: 'event', event: 'stopped', body: { reason: 'entry', threadId: 1 } }],
    ['client', { type: 'request', command: 'continue' }],
    ['adapter', STOPPED],
    ['client', { type: 'request', command: 'next' }],
    ['adapter', { type: 'event', event: 'stopped', body: { reason: 'step', threadId: 66 } }],
  ]);
  assert.equal(state.stops, 2);
  assert.equal(state.lastStop?.reason, 'step');
  assert.equal(state.lastStop?.frame, undefined, 'a new stop waits for its own stack trace');
});

test('exited and terminated end the session once', () => {
  const { state, changes } = run(launch, [
    ['adapter', STOPPED],
    ['adapter', { type: 'event', event: 'exited', body: { exitCode: 0 } }],
    ['adapter', { type: 'event', event: 'terminated', body: {} }],
  ]);
  assert.deepEqual(changes, ['stopped', 'ended']);
  assert.deepEqual([state.ended, state.paused], [true, false]);
});
