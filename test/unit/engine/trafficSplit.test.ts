import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatShare, shares } from '../../../server/src/service/features/trafficSplit';
import { service } from '../helpers';

test('weights are relative: 90 and 100 mean 47% and 53%', () => {
  assert.deepEqual(shares([90, 100])?.map(formatShare), ['47%', '53%']);
  assert.deepEqual(shares([90, 10])?.map(formatShare), ['90%', '10%']);
  assert.deepEqual(shares([1, 1, 1])?.map(formatShare), ['33%', '33%', '33%']);
});

test('a destination without a weight counts as 0 next to weighted ones', () => {
  assert.deepEqual(shares([50, undefined])?.map(formatShare), ['100%', '0%']);
  assert.deepEqual(shares([undefined]), [100]); // a lone destination gets all the traffic
  assert.equal(shares([0, 0]), undefined);
  assert.deepEqual(shares([999, 1])?.map(formatShare), ['100%', '<1%']);
});

test('inlay hints sit after each weight of a weighted VirtualService route', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 90
    - destination: {host: reviews, subset: v2}
      weight: 100
  - route:
    - destination: {host: reviews, subset: v3}
`;
  const s = service();
  const hints = s.inlayHints(s.snapshot('file:///split.yaml', 1, text), {
    start: { line: 0, character: 0 },
    end: { line: 99, character: 0 },
  });
  assert.deepEqual(
    hints.map((h) => [h.position.line, h.position.character, h.label]),
    [
      [8, 16, ' → 47%'],
      [10, 17, ' → 53%'],
    ],
  );
});

test('a destination without a weight gets its hint at the end of its own last line', () => {
  const text = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
      weight: 50
    - destination:
        host: reviews
        subset: v3
`;
  const s = service();
  const hints = s.inlayHints(s.snapshot('file:///split2.yaml', 1, text), {
    start: { line: 0, character: 0 },
    end: { line: 99, character: 0 },
  });
  assert.deepEqual(
    hints.map((h) => [h.position.line, h.position.character, h.label]),
    [
      [10, 16, ' → 100%'],
      [13, 18, ' → 0%'],
    ],
  );
});
