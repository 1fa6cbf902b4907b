import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  hostSubsetOf,
  hostsOverlap,
  isDns1123Label,
  isIpAddress,
  isWildcardDns1123Label,
  validateFqdn,
  validateGatewayVirtualServiceHost,
  validatePartialWildcard,
  validateWildcardDomain,
} from '../../../../server/src/service/rules/shared/hostnames';

test('DNS-1123 labels (Istio also accepts upper case)', () => {
  for (const ok of ['a', 'v1', 'my-svc', 'A1', 'a'.repeat(63)]) assert.ok(isDns1123Label(ok), ok);
  for (const bad of ['', '-a', 'a-', 'a_b', 'a.b', 'a'.repeat(64)]) assert.ok(!isDns1123Label(bad), bad);
  for (const ok of ['*', '*foo', '*-foo', 'foo']) assert.ok(isWildcardDns1123Label(ok), ok);
  for (const bad of ['**', 'f*o', '*.']) assert.ok(!isWildcardDns1123Label(bad), bad);
});

test('FQDN: labels, length, no all-digit last label, trailing dot allowed', () => {
  for (const ok of ['reviews', 'reviews.prod.svc.cluster.local', 'istio.io.', 'a1.b2'])
    assert.equal(validateFqdn(ok), undefined, ok);
  for (const bad of [
    '',
    'a..b',
    'foo.123',
    '10.0.0.1',
    '*.foo.com',
    'a_b.com',
    `${'a'.repeat(63)}.`.repeat(5),
  ]) {
    assert.ok(validateFqdn(bad), bad);
  }
});

test('wildcard domain: a wildcard only in the first label; IPs are not domains', () => {
  for (const ok of ['*', '*.example.com', '*-api.example.com', '*api.example.com', 'reviews']) {
    assert.equal(validateWildcardDomain(ok), undefined, ok);
  }
  for (const bad of ['a.*.com', '*.*.com', 'foo*.com', '10.0.0.1', ''])
    assert.ok(validateWildcardDomain(bad), bad);
});

test('partial wildcard: "*" or "*." prefix only', () => {
  assert.equal(validatePartialWildcard('*'), undefined);
  assert.equal(validatePartialWildcard('*.foo.com'), undefined);
  assert.equal(validatePartialWildcard('foo.com'), undefined);
  assert.ok(validatePartialWildcard('*foo.com'));
  assert.ok(validatePartialWildcard('*-foo.com'));
});

test('gateway VirtualService hosts: the outbound_ SNI form only with SNI', () => {
  const h = 'outbound_.80_._.e2e.foobar.mesh';
  assert.equal(validateGatewayVirtualServiceHost(h, true), undefined);
  assert.ok(validateGatewayVirtualServiceHost(h, false));
  assert.ok(validateGatewayVirtualServiceHost('outbound_.x_._.e2e.foobar.mesh', true));
  assert.equal(validateGatewayVirtualServiceHost('*.example.com', false), undefined);
});

test('IP addresses (with IPv6 zones)', () => {
  for (const ok of ['10.0.0.1', '::1', '2001:db8::1', 'fe80::1%eth0']) assert.ok(isIpAddress(ok), ok);
  for (const bad of ['10.0.0', '010.0.0.1', 'example.com', '10.0.0.0/8']) assert.ok(!isIpAddress(bad), bad);
});

test('host overlap and subset, like Istio host.Name', () => {
  assert.ok(hostsOverlap('*.foo.com', 'a.foo.com'));
  assert.ok(hostsOverlap('*.com', '*.foo.com'));
  assert.ok(hostsOverlap('a.com', 'a.com'));
  assert.ok(!hostsOverlap('*.foo.com', 'foo.com'));
  assert.ok(hostSubsetOf('a.foo.com', '*.foo.com'));
  assert.ok(hostSubsetOf('*.a.foo.com', '*.foo.com'));
  assert.ok(!hostSubsetOf('*.foo.com', 'a.foo.com'));
  assert.ok(!hostSubsetOf('*.com', '*.foo.com'));
});
