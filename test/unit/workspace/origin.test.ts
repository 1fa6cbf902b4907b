// Where a resource is shown to come from (completion details, hovers): its path inside its workspace
// folder, whatever else happens to be indexed at the time.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { originOf } from '../../../server/src/service/workspace/origin';
import { workspace } from './meshFixture';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  ports:
  - port: 80
`;

describe('origin of a workspace resource', () => {
  test('relative to its workspace folder even when only one subfolder is indexed', () => {
    const ws = workspace({ 'nav/svc.yaml': SVC }, false);
    const root = ws.uri('');
    const [svc] = ws.resolver.resources('Service');
    // Without folders, the only indexed file's own folder is the common prefix.
    assert.equal(originOf(ws.engine.index, svc), 'svc.yaml:4');
    ws.engine.index.roots = [root];
    assert.equal(originOf(ws.engine.index, svc), 'nav/svc.yaml:4');
  });

  test('the longest workspace folder that holds the file wins', () => {
    const ws = workspace({ 'a/b/svc.yaml': SVC }, false);
    ws.engine.index.roots = [ws.uri(''), ws.uri('a/')];
    const [svc] = ws.resolver.resources('Service');
    assert.equal(originOf(ws.engine.index, svc), 'b/svc.yaml:4');
  });

  test('a resource read from a cluster names the cluster', () => {
    const ws = workspace({ 'svc.yaml': SVC }, false);
    const [svc] = ws.resolver.resources('Service');
    assert.equal(originOf(ws.engine.index, { ...svc, origin: { cluster: 'prod-eu' } }), 'cluster prod-eu');
  });
});
