import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EscapeFinding } from '../../src/core/escape/finding';
import { escapeHoverMarkdown } from '../../src/core/escape/hoverMarkdown';
import { escapeMarkers } from '../../src/core/escape/markerSpec';
import { escapeSites, findingLabel, measureLabel, type MeasureInfo } from '../../src/core/escape/siteCost';

/** What the editor shows for findings: sites and their order, labels, markers, hover text. */
function finding(line: number, kind: EscapeFinding['kind'], message: string, extra: Partial<EscapeFinding> = {}): EscapeFinding {
  return { file: '/m/a.go', line, column: 2, kind, message, flow: [], inlinedFrom: [], ...extra };
}

const info: MeasureInfo = {
  sampleType: 'alloc_space',
  total: 1000,
  measure: (_f, line) => ({ 10: { bytes: 300, objects: 3, cumBytes: 900, cumObjects: 9 }, 20: { bytes: 0, objects: 0, cumBytes: 500, cumObjects: 5 } })[line],
};

test('escape sites: one per line with a heap escape, flat bytes (cum when inlined), costliest first, then by place', () => {
  const sites = escapeSites(
    [
      finding(30, 'moved-to-heap', 'moved to heap: z'),
      finding(10, 'moved-to-heap', 'moved to heap: x'),
      finding(10, 'escapes-to-heap', '&T{...} escapes to heap', { column: 9 }),
      finding(20, 'escapes-to-heap', 'make([]byte, n) escapes to heap', { inlinedFrom: [{ file: '/v/b.go', line: 3, column: 9 }] }),
      finding(5, 'leaking-param', 'leaking param: p'),
    ],
    info,
  );
  assert.deepEqual(sites.map((s) => [s.line, s.bytes, s.objects, s.findings.length]), [[20, 500, 5, 1], [10, 300, 3, 2], [30, 0, undefined, 1]]);
  assert.deepEqual(escapeSites([finding(30, 'moved-to-heap', 'm'), finding(10, 'moved-to-heap', 'm')]).map((s) => [s.line, s.bytes]), [[10, 0], [30, 0]], 'without a profile: by place');
});

test('labels: the compiler\'s words, then what was measured; other kinds and unmeasured lines unchanged', () => {
  assert.equal(findingLabel(finding(10, 'moved-to-heap', 'moved to heap: x'), info), 'moved to heap: x — 300 B · 3 objs, 30% of alloc_space');
  assert.equal(findingLabel(finding(10, 'leaking-param', 'leaking param: p'), info), 'leaking param: p');
  assert.equal(findingLabel(finding(30, 'moved-to-heap', 'moved to heap: z'), info), 'moved to heap: z');
  assert.equal(findingLabel(finding(10, 'moved-to-heap', 'moved to heap: x')), 'moved to heap: x');
  assert.equal(measureLabel({ bytes: 1 << 30 }, { sampleType: 'inuse_space', total: 0 }), '1 GB');
});

test('markers: one short note per heap line, in line order', () => {
  assert.deepEqual(escapeMarkers([{ line: 9 }, { line: 2 }, { line: 9 }]), [{ line: 2, text: '⇡ heap' }, { line: 9, text: '⇡ heap' }]);
});

test('hover: message in bold (markdown-inert), inlining context, flow steps with links to their lines', () => {
  const md = escapeHoverMarkdown(
    [
      finding(10, 'escapes-to-heap', 'make([]*T, n) escapes to heap', {
        inlinedFrom: [{ file: '/v/b.go', line: 3, column: 9 }],
        flow: [
          { message: 'flow: {heap} ← &{storage for make([]*T, n)}:', at: { file: '/m/a.go', line: 10, column: 2 } },
          { message: 'from sink = make([]*T, n) (assign)', at: { file: '/m/a.go', line: 10, column: 7 } },
          { message: 'warning: truncated explanation' },
        ],
      }),
    ],
    (f) => `file://${f}`,
    info,
  );
  assert.equal(
    md,
    [
      // inlined: the cum of the line
      '**make\\(\\[\\]\\*T, n\\) escapes to heap — 900 B · 9 objs, 90% of alloc\\_space** *(go escape: escapes-to-heap)*',
      '',
      'Inlined from [b.go:3](file:///v/b.go#L3)',
      '',
      'Why:',
      '',
      '- `flow: {heap} ← &{storage for make([]*T, n)}:` [a.go:10](file:///m/a.go#L10)',
      '    - `from sink = make([]*T, n) (assign)` [a.go:10](file:///m/a.go#L10)',
      '- `warning: truncated explanation`',
    ].join('\n'),
  );
});
