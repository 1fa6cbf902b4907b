import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  mostSpecific,
  parseGatewayRef,
  parseServerHost,
  scopesOverlap,
  toFqdn,
  visibleTo,
  wildcardMatch,
} from '../../../server/src/service/workspace/resolve';
import { globToRegExp, isExcluded } from '../../../server/src/workspace/folders';

// Expected values are the rules of RESOLUTION.md (Istio 1.30.3 pilot/pkg/model).
describe('name resolution as Istio does it', () => {
  it('expands only hosts without a dot', () => {
    assert.equal(toFqdn('reviews', 'bookinfo', 'cluster.local'), 'reviews.bookinfo.svc.cluster.local');
    assert.equal(toFqdn('reviews', 'bookinfo', 'corp.example'), 'reviews.bookinfo.svc.corp.example');
    assert.equal(toFqdn('reviews.bookinfo', 'x', 'cluster.local'), 'reviews.bookinfo');
    assert.equal(toFqdn('*', 'x', 'cluster.local'), '*');
    assert.equal(toFqdn('10.0.0.1', 'x', 'cluster.local'), '10.0.0.1');
  });
  it('reads every gateway reference form', () => {
    assert.deepEqual(parseGatewayRef('mesh', 'a'), { mesh: true });
    assert.deepEqual(parseGatewayRef('gw', 'a'), { mesh: false, namespace: 'a', name: 'gw', legacy: false });
    assert.deepEqual(parseGatewayRef('b/gw', 'a'), {
      mesh: false,
      namespace: 'b',
      name: 'gw',
      legacy: false,
    });
    assert.deepEqual(parseGatewayRef('./gw', 'a'), {
      mesh: false,
      namespace: 'a',
      name: 'gw',
      legacy: false,
    });
    assert.deepEqual(parseGatewayRef('gw.b', 'a'), { mesh: false, namespace: 'b', name: 'gw', legacy: true });
    assert.deepEqual(parseGatewayRef('gw.b.svc.cluster.local', 'a'), {
      mesh: false,
      namespace: 'b',
      name: 'gw',
      legacy: true,
    });
  });
  it('reads Gateway server hosts ./h, ns/h, */h and h', () => {
    assert.deepEqual(parseServerHost('./h.com', 'gw'), { namespace: 'gw', host: 'h.com' });
    assert.deepEqual(parseServerHost('ns/h.com', 'gw'), { namespace: 'ns', host: 'h.com' });
    assert.deepEqual(parseServerHost('*/h.com', 'gw'), { namespace: '*', host: 'h.com' });
    assert.deepEqual(parseServerHost('h.com', 'gw'), { namespace: '*', host: 'h.com' });
  });
  it('applies exportTo with the mesh default', () => {
    assert.equal(visibleTo(undefined, 'a', 'b', ['*']), true);
    assert.equal(visibleTo(undefined, 'a', 'b', ['.']), false);
    assert.equal(visibleTo(['.'], 'a', 'a', ['*']), true);
    assert.equal(visibleTo(['b'], 'a', 'b', ['.']), true);
    assert.equal(visibleTo(['~'], 'a', 'a', ['*']), false);
    assert.equal(
      scopesOverlap({ exportTo: ['.'], namespace: 'a' }, { exportTo: ['.'], namespace: 'b' }, ['*']),
      false,
    );
    assert.equal(scopesOverlap({ namespace: 'a' }, { exportTo: ['.'], namespace: 'b' }, ['*']), true);
  });
  it('picks the most specific host; a wildcard does not match its bare domain', () => {
    assert.equal(mostSpecific('a.b.example.com', ['*.example.com', '*.b.example.com']), '*.b.example.com');
    assert.equal(mostSpecific('a.example.com', ['*', 'a.example.com']), 'a.example.com');
    assert.equal(mostSpecific('example.com', ['*.example.com']), undefined);
  });
  it('matches namespace and principal wildcards', () => {
    assert.equal(wildcardMatch('front*', 'frontend'), true);
    assert.equal(wildcardMatch('*-prod', 'shop-prod'), true);
    assert.equal(wildcardMatch('front*', 'back'), false);
  });
  it('matches files.exclude globs on a path or a parent folder', () => {
    const m = [globToRegExp('**/excluded'), globToRegExp('**/*.gen.yaml'), globToRegExp('{a,b}/x')];
    assert.equal(isExcluded('excluded/copy.yaml', m), true);
    assert.equal(isExcluded('deep/excluded/copy.yaml', m), true);
    assert.equal(isExcluded('deep/crd.gen.yaml', m), true);
    assert.equal(isExcluded('b/x/y.yaml', m), true);
    assert.equal(isExcluded('c/x/y.yaml', m), false);
    assert.equal(isExcluded('deep/crd.yaml', m), false);
  });
});
