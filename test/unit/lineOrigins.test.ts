import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineOrigins } from '../../src/core/edits/lineOrigins';

/** Applies an LSP-style edit to a real TextDocument and to LineOrigins, as the server does. */
function edit(doc: TextDocument, o: LineOrigins, sl: number, sc: number, el: number, ec: number, text: string): TextDocument {
  const next = TextDocument.update(doc, [{ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, text }], doc.version + 1);
  const added = text.split('\n').length - 1;
  const lines: string[] = [];
  for (let l = sl; l <= sl + added; l++) lines.push(next.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/\n$/, ''));
  o.apply(sl, el, lines);
  return next;
}

const text = ['package main', '', 'func f() {', '\tb := make([]byte, 10)', '\t_ = b', '}'];

function setup() {
  return { doc: TextDocument.create('file:///x.go', 'go', 1, text.join('\n')), o: new LineOrigins(text) };
}

function staleAt(doc: TextDocument, o: LineOrigins, j: number): boolean {
  return o.isStale(j, doc.getText({ start: { line: j, character: 0 }, end: { line: j + 1, character: 0 } }).replace(/\n$/, ''));
}

test('lines inserted above shift annotations down', () => {
  let { doc, o } = setup();
  doc = edit(doc, o, 1, 0, 1, 0, '// one\n// two\n');
  assert.equal(o.originOf(5), 3, 'the make() line moved from 3 to 5');
  assert.equal(staleAt(doc, o, 5), false);
  assert.equal(o.originOf(1), -1);
  assert.equal(o.originOf(2), -1);
});

test('Enter at the end of a line keeps that line and adds a new one', () => {
  let { doc, o } = setup();
  doc = edit(doc, o, 3, text[3].length, 3, text[3].length, '\n');
  assert.equal(o.originOf(3), 3);
  assert.equal(staleAt(doc, o, 3), false);
  assert.equal(o.originOf(4), -1);
  assert.equal(o.originOf(5), 4);
});

test('Enter at the start of a line moves the line down', () => {
  let { doc, o } = setup();
  doc = edit(doc, o, 3, 0, 3, 0, '\n');
  assert.equal(o.originOf(3), -1);
  assert.equal(o.originOf(4), 3);
  assert.equal(staleAt(doc, o, 4), false);
});

test('typing in a line marks it stale; undoing the change clears it', () => {
  let { doc, o } = setup();
  doc = edit(doc, o, 3, 19, 3, 21, '20');
  assert.equal(o.originOf(3), 3);
  assert.equal(staleAt(doc, o, 3), true);
  doc = edit(doc, o, 3, 19, 3, 21, '10');
  assert.equal(staleAt(doc, o, 3), false);
});

test('deleting lines above shifts annotations up; a deleted line has no successor', () => {
  let { doc, o } = setup();
  doc = edit(doc, o, 0, 0, 2, 0, '');
  assert.equal(o.originOf(1), 3);
  assert.equal(staleAt(doc, o, 1), false);
  assert.deepEqual([...o.origins()], [2, 3, 4, 5]);
});
