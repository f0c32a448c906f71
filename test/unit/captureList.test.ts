import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { captureLabel, isCaptureFile, parseCaptureName } from '../../src/capture/captureName';
import { listCaptures } from '../../src/capture/listCaptures';
import { captureFileName, profileFileName } from '../../src/core/capture/fileName';

/** The Captured Profiles view reads back the names the capture engine writes. */
const at = new Date(2025, 0, 2, 15, 4, 5);
const dir = mkdtempSync(join(tmpdir(), 'gomem-list-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('names written by the capture engine parse back to kind, target and time', () => {
  const cases: [string, string, string][] = [
    [captureFileName({ kind: 'heap' }, 'pid4242', at), 'heap', 'pid4242'],
    [captureFileName({ kind: 'heap', seconds: 10 }, '127.0.0.1_6060', at), 'heap-delta', '127.0.0.1_6060'],
    [captureFileName({ kind: 'trace', seconds: 2 }, 'example.com_443', at), 'trace', 'example.com_443'],
    [profileFileName('allocs', 'TestRecords/case_1', at, '.pb.gz'), 'allocs', 'TestRecords_case_1'],
    [profileFileName('heap', 'pid7-stop3', at, '.pb.gz'), 'heap', 'pid7-stop3'],
    [profileFileName('cpu', 'BenchmarkJoinWords', at, '.pb.gz').replace('.pb.gz', '-2.pb.gz'), 'cpu', 'BenchmarkJoinWords'],
  ];
  for (const [name, kind, target] of cases) {
    const p = parseCaptureName(name);
    assert.deepEqual([p.kind, p.target, p.at?.getTime(), p.trace], [kind, target, at.getTime(), kind === 'trace'], name);
    assert.equal(captureLabel(name, p), `${kind} · ${target}`);
  }
  const renamed = parseCaptureName('before-the-fix.pb.gz');
  assert.deepEqual([renamed.kind, renamed.at, captureLabel('before-the-fix.pb.gz', renamed)], [undefined, undefined, 'before-the-fix.pb.gz']);
});

test('only profiles and traces are captures; hidden and partial files are not', () => {
  for (const n of ['a.pb.gz', 'a.pprof', 'a.prof', 'a.trace']) assert.ok(isCaptureFile(n), n);
  for (const n of ['.gitignore', '.heap-x.pb.gz.1a2b.partial', '.hidden.pb.gz', 'notes.txt', 'a.gz']) assert.ok(!isCaptureFile(n), n);
});

test('the folder lists newest first, with sizes; other files and folders are left out', async () => {
  const older = captureFileName({ kind: 'heap' }, 'pid1', new Date(2025, 0, 1, 9, 0, 0));
  const newer = captureFileName({ kind: 'allocs' }, 'pid1', at);
  const sameSecond = newer.replace('.pb.gz', '-2.pb.gz');
  writeFileSync(join(dir, older), Buffer.alloc(10));
  writeFileSync(join(dir, newer), Buffer.alloc(20));
  writeFileSync(join(dir, sameSecond), Buffer.alloc(30));
  utimesSync(join(dir, newer), at, new Date(2025, 0, 2, 15, 4, 5, 100));
  utimesSync(join(dir, sameSecond), at, new Date(2025, 0, 2, 15, 4, 5, 900));
  writeFileSync(join(dir, 'renamed.pb.gz'), Buffer.alloc(5));
  utimesSync(join(dir, 'renamed.pb.gz'), new Date(2024, 5, 1), new Date(2024, 5, 1));
  writeFileSync(join(dir, '.gitignore'), '*\n');
  mkdirSync(join(dir, 'folder.pb.gz'));
  const list = await listCaptures(dir);
  assert.deepEqual(list.map((e) => e.name), [sameSecond, newer, older, 'renamed.pb.gz']);
  assert.deepEqual(list.map((e) => e.bytes), [30, 20, 10, 5]);
  assert.equal(list[3].time, new Date(2024, 5, 1).getTime(), 'a file named otherwise is dated by its modification time');
  assert.deepEqual(await listCaptures(join(dir, 'absent')), []);
});
