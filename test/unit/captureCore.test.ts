import assert from 'node:assert/strict';
import { test } from 'node:test';
import { captureUrl, localPprofUrl, pprofBaseUrl } from '../../src/core/capture/captureUrl';
import { classifyResponse, isTrace } from '../../src/core/capture/classifyResponse';
import { describeBody } from '../../src/core/capture/describeBody';
import { CaptureError } from '../../src/core/capture/errors';
import { captureFileName, numberedFileName, profileFileName, urlTargetLabel } from '../../src/core/capture/fileName';
import { exactPattern, goTestArgs } from '../../src/core/capture/goTestArgs';
import { validateRequest, type CaptureRequest } from '../../src/core/capture/kinds';
import { connectAddresses } from '../../src/core/capture/listeningSocket';
import { parseLsofListen } from '../../src/core/capture/lsofListen';
import { parseNetstatListen } from '../../src/core/capture/netstatListen';
import { isPprofIndex } from '../../src/core/capture/pprofIndex';
import { decodeAddress, parseProcNetTcp } from '../../src/core/capture/procNetTcp';

const bytes = (s: string) => new TextEncoder().encode(s);
const GZIP = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

test('a pasted URL in any of its usual forms means the pprof index', () => {
  const want = 'http://localhost:6060/debug/pprof/';
  for (const input of ['localhost:6060', 'http://localhost:6060', 'http://localhost:6060/', 'http://localhost:6060/debug/pprof', 'http://localhost:6060/debug/pprof/heap?debug=1#x']) {
    assert.equal(pprofBaseUrl(input), want, input);
  }
  assert.equal(pprofBaseUrl('https://example.com/admin/debug/pprof/goroutine'), 'https://example.com/admin/debug/pprof/');
  assert.equal(pprofBaseUrl('https://example.com/custom/pprof'), 'https://example.com/custom/pprof/');
  assert.throws(() => pprofBaseUrl('ftp://example.com/'), (e: CaptureError) => e.code === 'bad-target' && /not an http or https URL/.test(e.message));
  assert.throws(() => pprofBaseUrl('http://exa mple.com:99999/'), (e: CaptureError) => e.code === 'bad-target');
});

test('capture URLs carry the endpoint, seconds and gc as net/http/pprof reads them', () => {
  const base = 'http://127.0.0.1:6060/debug/pprof/';
  const url = (r: CaptureRequest) => captureUrl(base, r);
  assert.equal(url({ kind: 'heap' }), `${base}heap`);
  assert.equal(url({ kind: 'heap', gc: true }), `${base}heap?gc=1`);
  assert.equal(url({ kind: 'heap', seconds: 5 }), `${base}heap?seconds=5`);
  assert.equal(url({ kind: 'cpu' }), `${base}profile?seconds=30`);
  assert.equal(url({ kind: 'cpu', seconds: 2 }), `${base}profile?seconds=2`);
  assert.equal(url({ kind: 'trace' }), `${base}trace?seconds=1`);
  assert.equal(url({ kind: 'trace', seconds: 0.5 }), `${base}trace?seconds=0.5`);
  assert.equal(url({ kind: 'goroutine' }), `${base}goroutine`);
  assert.equal(localPprofUrl('::1', 8080), 'http://[::1]:8080/debug/pprof/');
});

test('requests pprof would refuse or ignore are refused before any traffic', () => {
  const bad: [CaptureRequest, RegExp][] = [
    [{ kind: 'allocs', gc: true }, /gc applies to heap captures only/],
    [{ kind: 'heap', gc: true, seconds: 2 }, /gc and seconds exclude each other/],
    [{ kind: 'heap', seconds: 1.5 }, /whole number/],
    [{ kind: 'cpu', seconds: 0 }, /positive/],
    [{ kind: 'bogus' as never }, /unknown capture kind "bogus"/],
  ];
  for (const [req, re] of bad) assert.throws(() => validateRequest(req), (e: CaptureError) => e.code === 'bad-request' && re.test(e.message), JSON.stringify(req));
  validateRequest({ kind: 'trace', seconds: 0.25 });
});

test('file names: <kind>-<target>-<timestamp> with the right extension, deltas marked', () => {
  const at = new Date(2025, 0, 2, 15, 4, 5);
  assert.equal(captureFileName({ kind: 'heap' }, '127.0.0.1_6060', at), 'heap-127.0.0.1_6060-20250102-150405.pb.gz');
  assert.equal(captureFileName({ kind: 'heap', seconds: 10 }, 'pid42', at), 'heap-delta-pid42-20250102-150405.pb.gz');
  assert.equal(captureFileName({ kind: 'cpu', seconds: 10 }, 'pid42', at), 'cpu-pid42-20250102-150405.pb.gz');
  assert.equal(captureFileName({ kind: 'trace' }, 'pid42', at), 'trace-pid42-20250102-150405.trace');
  assert.equal(profileFileName('allocs', 'TestA/case one', at, '.pb.gz'), 'allocs-TestA_case_one-20250102-150405.pb.gz');
  assert.equal(profileFileName('heap', '../../etc', at, '.pb.gz'), 'heap-_._etc-20250102-150405.pb.gz', 'no path tricks');
  assert.equal(urlTargetLabel('https://example.com/debug/pprof/'), 'example.com_443');
  assert.equal(captureFileName({ kind: 'goroutine' }, urlTargetLabel('http://[::1]:6060/debug/pprof/'), at), 'goroutine-_1_6060-20250102-150405.pb.gz');
  assert.equal(numberedFileName('heap-x-1.pb.gz', 2), 'heap-x-1-2.pb.gz');
  assert.equal(numberedFileName('trace-x-1.trace', 3), 'trace-x-1-3.trace');
});

test('a good answer is a gzip profile or a Go trace; anything else says what came back', () => {
  const url = 'http://127.0.0.1:1/debug/pprof/heap';
  assert.deepEqual(classifyResponse('heap', url, { status: 200, head: GZIP }), { ok: true });
  assert.deepEqual(classifyResponse('trace', url, { status: 200, head: bytes('go 1.26 trace\0\0\0') }), { ok: true });
  const cases: [Parameters<typeof classifyResponse>[2], string, RegExp][] = [
    // What net/http/pprof and Go's default mux actually send (seen with Go 1.26).
    [{ status: 404, statusText: 'Not Found', fromPprof: true, head: bytes('Unknown profile\n') }, 'http-status', /^net\/http\/pprof at .* answered 404 Not Found: "Unknown profile"$/],
    [{ status: 404, statusText: 'Not Found', head: bytes('404 page not found\n') }, 'http-status', /answered 404 Not Found: "404 page not found"; nothing serves net\/http\/pprof there\.\n.*\n +import _ "net\/http\/pprof"\n +go http\.ListenAndServe\("localhost:6060", nil\)$/],
    [{ status: 500, statusText: 'Internal Server Error', fromPprof: true, head: bytes('Could not enable CPU profiling: cpu profiling already in use\n') }, 'http-status', /answered 500 Internal Server Error: "Could not enable CPU profiling: cpu profiling already in use"/],
    [{ status: 302, location: 'https://sso.example.com/login', head: new Uint8Array() }, 'http-status', /redirected to https:\/\/sso\.example\.com\/login/],
    [{ status: 200, contentType: 'text/html', head: bytes('<!DOCTYPE html><html><head><title>Sign in</title></head>') }, 'not-a-profile', /expected a heap profile from .* but got an HTML page titled "Sign in"$/],
    [{ status: 200, contentType: 'text/plain', head: bytes('heap profile: 12: 3456 [7: 890] @ heap/1048576\n1: 2 [3: 4] @ 0x1\n') }, 'not-a-profile', /but got text: "heap profile: 12: 3456 \[7: 890\] @ heap\/1048576 1: 2/],
    [{ status: 200, head: new Uint8Array() }, 'not-a-profile', /but got an empty body/],
    [{ status: 200, head: Uint8Array.from([0, 1, 2, 0xfe]) }, 'not-a-profile', /binary data starting 00 01 02 fe/],
  ];
  for (const [start, code, re] of cases) {
    const v = classifyResponse('heap', url, start);
    assert.equal(v.ok, false);
    if (!v.ok) {
      assert.equal(v.code, code, v.message);
      assert.match(v.message, re);
    }
  }
  const notTrace = classifyResponse('trace', url, { status: 200, head: GZIP });
  assert.ok(!notTrace.ok && /expected an execution trace/.test(notTrace.message));
  assert.ok(isTrace(bytes('go 1.21 trace\0\0\0')), 'old traces are saved; decoding declines them later');
});

test('describeBody keeps messages short and never shows markup', () => {
  assert.equal(describeBody(bytes('<html><body>x</body></html>'), 'text/html'), 'an HTML page');
  assert.match(describeBody(bytes('x'.repeat(500))), /^text: "x{160}…"$/);
});

test('the pprof index is recognised by its content, not by a 200', () => {
  assert.ok(isPprofIndex("<html>\n<head>\n<title>/debug/pprof/</title>\nTypes of profiles available:\n<tr><td>3</td><td><a href='allocs?debug=1'>allocs</a></td></tr>"));
  assert.ok(!isPprofIndex('hello from a port that does not serve pprof'));
  assert.ok(!isPprofIndex('<html><title>/debug/pprof/</title>404</html>'));
});

// Copied from /proc/PID/net/tcp and tcp6 of the pprofserver fixture (Linux, x86-64).
const PROC_TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:AEA1 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 153032 1 00000000b717efdb 100 0 0 10 0
   1: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1162 1 000000002224a6f0 100 0 0 10 0
   2: 0100007F:AEA1 0100007F:D3B2 01 00000000:00000000 00:00000000 00000000     0        0 160001 1 00000000b717efdb 20 4 30 10 -1
`;
const PROC_TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:9C2F 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 152432 1 00000000d0ac90e4 100 0 0 10 0
   1: 00000000000000000000000000000000:17AC 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 7 1 00000000d0ac90e4 100 0 0 10 0
`;

test('/proc/net/tcp and tcp6: LISTEN rows only, addresses in host byte order', () => {
  assert.deepEqual(parseProcNetTcp(PROC_TCP), [
    { address: '127.0.0.1', port: 44705, inode: 153032 },
    { address: '0.0.0.0', port: 2024, inode: 1162 },
  ]);
  assert.deepEqual(parseProcNetTcp(PROC_TCP6), [
    { address: '::1', port: 39983, inode: 152432 },
    { address: '::', port: 6060, inode: 7 },
  ]);
  assert.equal(decodeAddress('0000000000000000FFFF00000100007F'), '::ffff:127.0.0.1');
  assert.equal(decodeAddress('B80D0120000000000000000001000000'), '2001:db8::1');
  assert.deepEqual(connectAddresses({ address: '::', port: 1 }), ['127.0.0.1', '::1']);
  assert.deepEqual(connectAddresses({ address: '0.0.0.0', port: 1 }), ['127.0.0.1']);
  assert.deepEqual(connectAddresses({ address: '::ffff:127.0.0.1', port: 1 }), ['127.0.0.1']);
});

test('lsof -Fpcn: processes, names and sockets (output seen from lsof 4.95)', () => {
  const out = 'p1760\ncpprofserver\nf5\nn127.0.0.1:36539\nn[::1]:35799\np1782\ncpython3\nn*:36687\n';
  assert.deepEqual(parseLsofListen(out), [
    { pid: 1760, name: 'pprofserver', sockets: [{ address: '127.0.0.1', port: 36539, pid: 1760 }, { address: '::1', port: 35799, pid: 1760 }] },
    { pid: 1782, name: 'python3', sockets: [{ address: '0.0.0.0', port: 36687, pid: 1782 }] },
  ]);
});

test('netstat -ano: listeners by their foreign address, whatever the language of the state column', () => {
  // The shape Microsoft documents for `netstat -ano`; the German state word is "ABHÖREN".
  const out = `
Active Connections

  Proto  Local Address          Foreign Address        State           PID
  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1012
  TCP    127.0.0.1:6060         0.0.0.0:0              ABHÖREN         4242
  TCP    127.0.0.1:6060         127.0.0.1:51000        ESTABLISHED     4242
  TCP    [::]:8080              [::]:0                 LISTENING       77
  UDP    0.0.0.0:5353           *:*                                    2345
`;
  assert.deepEqual(parseNetstatListen(out), [
    { address: '0.0.0.0', port: 135, pid: 1012 },
    { address: '127.0.0.1', port: 6060, pid: 4242 },
    { address: '::', port: 8080, pid: 77 },
  ]);
});

test('go test arguments select exactly one test or benchmark', () => {
  const tests = goTestArgs({ name: 'TestRecords' }, { memory: '/t/m.pb.gz', trace: '/t/t.trace' }, '/t/pkg.test');
  assert.deepEqual(tests, ['test', '-v', '-o', '/t/pkg.test', '-run', '^TestRecords$', '-memprofile=/t/m.pb.gz', '-memprofilerate=1', '-trace=/t/t.trace', '.']);
  const bench = goTestArgs({ name: 'BenchmarkJoin', benchtime: '100x' }, { memory: '/t/m', cpu: '/t/c' }, '/t/pkg.test', ['-tags=x']);
  assert.deepEqual(bench, ['test', '-tags=x', '-v', '-o', '/t/pkg.test', '-bench', '^BenchmarkJoin$', '-run', '^$', '-benchmem', '-benchtime=100x', '-memprofile=/t/m', '-cpuprofile=/t/c', '.']);
  assert.equal(exactPattern('TestA/case_(1)'), '^TestA$/^case_\\(1\\)$');
  assert.throws(() => exactPattern('helper'), /not a test or benchmark name/);
  assert.throws(() => goTestArgs({ name: 'TestA' }, {}, '/t/pkg.test'), /no profile asked for/);
});
