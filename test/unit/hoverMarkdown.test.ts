import assert from 'node:assert/strict';
import { test } from 'node:test';
import { esc, hoverMarkdown } from '../../src/core/view/hoverMarkdown';

test('names from a profile stay text: markup, links and HTML are escaped', () => {
  const evil = 'main.<img src=x onerror=alert(1)>[click](javascript:alert(1))`code`';
  const md = hoverMarkdown({
    profileName: '</script>.pb.gz',
    activeType: 'alloc_space',
    values: [{ type: 'alloc_space', unit: 'bytes', flat: 1024, cum: 1024, total: 2048 }],
    stacks: [{ value: 1024, frames: [{ function: evil, file: '/x/<b>.go', line: 3, uri: 'file:///x/%3Cb%3E.go' }] }],
    stale: true,
  });
  assert.doesNotMatch(md, /(^|[^\\])<(img|\/script)|[^\\]\]\(javascript:/, "no unescaped markup");
  assert.match(md, /\\<img src=x onerror=alert\\\(1\\\)\\>/);
  assert.match(md, /\(file:\/\/\/x\/%3Cb%3E\.go#L3\)/, 'the only link is the file link gomem made');
  assert.match(md, /changed since the profile was matched/);
  assert.match(md, /1\. 1 kB \(50%\)/);
});

test('esc leaves plain words alone', () => {
  assert.equal(esc('main'), 'main');
  assert.equal(esc('a_b'), 'a\\_b');
});
