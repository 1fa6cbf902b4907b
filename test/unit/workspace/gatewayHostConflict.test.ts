import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, codes, INFORMATION, one, WARNING } from './helpers';

// Kiali's single-host check groups VirtualServices by each `gateways` entry and host; Istio resolves
// `gw` and `./gw` to the VirtualService's namespace, `ns/gw` and the legacy `gw.ns` to ns (RESOLUTION.md).
const CODE = 'vs-gateway-host-conflict';

const vs = (name: string, ns: string, host: string, spec = ''): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: ${ns}}
spec:
  hosts: ["${host}"]
${spec}  http:
  - route:
    - destination: {host: web.${ns}.svc.cluster.local}
`;

const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*/shop.example.com"]
`;

describe('vs-gateway-host-conflict: several VirtualServices for one host on one Gateway', () => {
  it('warns on both, across files and reference forms, each pointing at the other', () => {
    const r = analyze({
      'gw.yaml': gateway,
      'a.yaml': vs('front', 'shop', 'shop.example.com', '  gateways: [edge/public]\n'),
      'b.yaml': vs('promo', 'web', 'shop.example.com', '  gateways: [public.edge]\n'),
      'c.yaml': vs('edge-routes', 'edge', 'shop.example.com', '  gateways: [./public]\n'),
    });
    const a = one(r['a.yaml'], CODE, 4);
    assert.equal(a.severity, WARNING);
    assert.match(a.message, /edge\/public/);
    assert.deepEqual(
      a.relatedInformation?.map((i) => i.location.uri.replace(/.*\//, '')),
      ['b.yaml', 'c.yaml'],
    );
    assert.equal(one(r['b.yaml'], CODE, 4).relatedInformation?.length, 2);
    assert.equal(one(r['c.yaml'], CODE, 4).relatedInformation?.length, 2);
    assert.deepEqual(codes(r['gw.yaml'], CODE), []);
  });

  it('is quiet for other gateways, other hosts, the mesh, one VirtualService, and limited exportTo', () => {
    const r = analyze({
      'gw.yaml': gateway,
      'a.yaml': vs('front', 'shop', 'shop.example.com', '  gateways: [edge/public]\n'),
      'other-gw.yaml': vs('front2', 'shop', 'shop.example.com', '  gateways: [edge/private]\n'),
      'other-host.yaml': vs('front3', 'shop', 'api.example.com', '  gateways: [edge/public]\n'),
      'mesh.yaml': vs('inner', 'shop', 'shop.example.com', '  gateways: [mesh]\n'),
      'no-gateways.yaml': vs('inner2', 'web', 'shop.example.com'),
      'twice.yaml': vs('twice', 'web', 'api2.example.com', '  gateways: [edge/public, public.edge]\n'),
      'local.yaml': vs('local', 'web', 'shop.example.com', '  gateways: [edge/public]\n  exportTo: ["."]\n'),
    });
    for (const [name, ds] of Object.entries(r)) assert.deepEqual(codes(ds, CODE), [], name);
  });

  it('is information when the routes are split by path and none matches every request', () => {
    const split = (prefix: string): string =>
      `  gateways: [edge/public]\n  http:\n  - match:\n    - uri: {prefix: ${prefix}}\n    route:\n    - destination: {host: web}\n`;
    const text = (name: string, prefix: string): string =>
      vs(name, 'shop', 'shop.example.com', split(prefix)).replace(/ {2}http:\n {2}- route:\n.*\n$/, '');
    const r = analyze({ 'a.yaml': text('a', '/a'), 'b.yaml': text('b', '/b') });
    assert.equal(one(r['a.yaml'], CODE, 4).severity, INFORMATION);
    assert.equal(one(r['b.yaml'], CODE, 4).severity, INFORMATION);
    // A prefix "/" route in one of them matches everything: a warning on both.
    const r2 = analyze({ 'a.yaml': text('a', '/a'), 'b.yaml': text('b', '/') });
    assert.equal(one(r2['a.yaml'], CODE, 4).severity, WARNING);
    assert.equal(one(r2['b.yaml'], CODE, 4).severity, WARNING);
  });

  it('compares hosts in FQDN form: a short name and its FQDN in one namespace are one host', () => {
    const r = analyze({
      'a.yaml': vs('a', 'shop', 'cart', '  gateways: [edge/public]\n'),
      'b.yaml': vs('b', 'shop', 'cart.shop.svc.cluster.local', '  gateways: [edge/public]\n'),
      'c.yaml': vs('c', 'web', 'cart', '  gateways: [edge/public]\n'),
    });
    one(r['a.yaml'], CODE, 4);
    one(r['b.yaml'], CODE, 4);
    assert.deepEqual(codes(r['c.yaml'], CODE), []); // cart.web.svc.cluster.local
  });
});
