import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  expandHome,
  findOnPath,
  isOlderThan,
  locateTool,
  majorMinor,
  parseIstioctlVersion,
} from '../../../client/src/istioctl/toolPath';
import { FAKES_BIN, fakeEnv } from './fakeEnv';

describe('locateTool', () => {
  const fx = fakeEnv();
  after(() => fx.cleanup());
  const notExecutable = path.join(fx.dir, 'istioctl-not-executable');
  fs.writeFileSync(notExecutable, '#!/bin/sh\n', { mode: 0o644 });

  test('finds the tool on PATH when no path is configured', () => {
    const loc = locateTool('istioctl', '', `/nonexistent:${FAKES_BIN}`, 'linux');
    assert.deepEqual(loc, { found: true, path: path.join(FAKES_BIN, 'istioctl'), from: 'PATH' });
  });

  test('the setting wins over PATH', () => {
    const loc = locateTool('kubectl', path.join(FAKES_BIN, 'kubectl'), '/usr/bin', 'linux');
    assert.deepEqual(loc, { found: true, path: path.join(FAKES_BIN, 'kubectl'), from: 'setting' });
  });

  test('a wrong setting is reported, not replaced by whatever is on PATH', () => {
    const loc = locateTool('istioctl', '/opt/istio/bin/istioctl', FAKES_BIN, 'linux');
    assert.equal(loc.found, false);
    assert.match(
      !loc.found ? loc.reason : '',
      /istio\.istioctl\.path points at \/opt\/istio\/bin\/istioctl, which does not exist/,
    );
  });

  test('a relative setting and a non-executable file are refused', () => {
    const rel = locateTool('istioctl', 'bin/istioctl', FAKES_BIN, 'linux');
    assert.match(!rel.found ? rel.reason : '', /not an absolute path/);
    const nx = locateTool('istioctl', notExecutable, FAKES_BIN, 'linux');
    assert.match(!nx.found ? nx.reason : '', /not an executable file/);
  });

  test('missing everywhere', () => {
    const loc = locateTool('istioctl', '', '/nonexistent', 'linux');
    assert.deepEqual(loc, {
      found: false,
      from: 'PATH',
      reason: 'istioctl was not found on PATH and istio.istioctl.path is not set.',
    });
    assert.equal(findOnPath('istioctl', undefined), undefined);
  });

  test('~ expands to the home folder', () => {
    assert.equal(expandHome('~/bin/istioctl', '/home/me'), '/home/me/bin/istioctl');
    assert.equal(expandHome('/abs', '/home/me'), '/abs');
  });
});

describe('versions', () => {
  test('reads the JSON and the text form of istioctl version --remote=false', () => {
    assert.equal(
      parseIstioctlVersion(
        '{"clientVersion":{"version":"1.30.3","revision":"abc","status":"Clean","tag":"1.30.3"}}\n',
      ),
      '1.30.3',
    );
    assert.equal(parseIstioctlVersion('client version: 1.22.0-beta.1\n'), '1.22.0-beta.1');
    assert.equal(parseIstioctlVersion('1.21.2\n'), '1.21.2');
    assert.equal(parseIstioctlVersion('Error: nope'), undefined);
  });

  test('older than 1.22', () => {
    assert.equal(isOlderThan('1.21.6', 1, 22), true);
    assert.equal(isOlderThan('1.22.0', 1, 22), false);
    assert.equal(isOlderThan('1.30.3', 1, 22), false);
    assert.equal(isOlderThan('0.9', 1, 22), true);
    assert.equal(isOlderThan('2.0.0', 1, 22), false);
    assert.equal(isOlderThan('unknown', 1, 22), false);
    assert.deepEqual(majorMinor('v1.23-dev'), [1, 23]);
  });
});
