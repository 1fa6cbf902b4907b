import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkDuration,
  durationError,
  formatMillis,
  parseGoDuration,
  roundToMillis,
  roundToSeconds,
  suggestDuration,
} from '../../../../server/src/service/rules/shared/durations';

test('parseGoDuration: Go time.ParseDuration syntax', () => {
  assert.equal(parseGoDuration('0'), 0n);
  assert.equal(parseGoDuration('1s'), 1_000_000_000n);
  assert.equal(parseGoDuration('1.5s'), 1_500_000_000n);
  assert.equal(parseGoDuration('1h2m3s'), 3_723_000_000_000n);
  assert.equal(parseGoDuration('300ms'), 300_000_000n);
  assert.equal(parseGoDuration('1500us'), 1_500_000n);
  assert.equal(parseGoDuration('1500\u00b5s'), 1_500_000n);
  assert.equal(parseGoDuration('-2m'), -120_000_000_000n);
  assert.equal(parseGoDuration('.5s'), 500_000_000n);
  assert.equal(parseGoDuration('5.s'), 5_000_000_000n);
  for (const bad of ['', '1', '10', 's', '.s', '1x', '1 s', '+', '1s2', '9999999999999999999h']) {
    assert.equal(parseGoDuration(bad), undefined, bad);
  }
});

test('checkDuration: at least 1ms, whole milliseconds', () => {
  assert.equal(checkDuration(parseGoDuration('1ms')!), undefined);
  assert.equal(checkDuration(parseGoDuration('999us')!), 'too-small');
  assert.equal(checkDuration(parseGoDuration('-1s')!), 'too-small');
  assert.equal(checkDuration(parseGoDuration('1.5ms')!), 'precision');
  assert.equal(checkDuration(parseGoDuration('1.0005s')!), 'precision');
  assert.equal(checkDuration(parseGoDuration('1.001s')!), undefined);
});

test('rounding and formatting for quick fixes', () => {
  assert.equal(roundToMillis(parseGoDuration('1.5ms')!), '2ms');
  assert.equal(roundToMillis(parseGoDuration('1.2ms')!), '1ms');
  assert.equal(roundToMillis(parseGoDuration('100us')!), '1ms');
  assert.equal(roundToMillis(parseGoDuration('1999.6ms')!), '2s');
  assert.equal(roundToSeconds(parseGoDuration('1500ms')!), '2s');
  assert.equal(roundToSeconds(parseGoDuration('100ms')!), '1s');
  assert.equal(formatMillis(90_000n), '90s');
  assert.equal(formatMillis(120_000n), '2m');
  assert.equal(formatMillis(7_200_000n), '2h');
  assert.equal(suggestDuration('1'), '1s');
  assert.equal(suggestDuration(' 2.5 '), '2.5s');
  assert.equal(suggestDuration('abc'), undefined);
});

test('durationError: names the field and what is allowed', () => {
  assert.equal(durationError('10s', 'timeout'), undefined);
  assert.match(durationError('10', 'timeout')!, /^timeout is not a valid duration/);
  assert.match(durationError('0s', 'timeout')!, /at least 1ms/);
  assert.match(durationError('1.5ms', 'timeout')!, /ms precision/);
});
