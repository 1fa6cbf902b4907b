// The kinds count is said in one place (kindsSummary): the language status and output channel use it,
// and the README states the same number of CRD kinds as the bundle crd-all.gen.yaml holds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SchemaCatalog } from '../../server/src/service/schema/catalog';
import { kindsSummary } from '../../server/src/service/features/resources';
import { ROOT } from './helpers';

test('the README, the status and the CRD bundle agree on the number of kinds', () => {
  const bundle = readFileSync('/work/shared/istio/crd-all.gen.yaml', 'utf8');
  const crdKinds = new Set([...bundle.matchAll(/^    kind: (\w+)$/gm)].map((m) => m[1]));
  crdKinds.delete('CustomResourceDefinition');
  const summary = kindsSummary(new SchemaCatalog(join(ROOT, 'schemas')));
  assert.equal(summary.crdKinds, crdKinds.size);
  assert.equal(summary.text, `${crdKinds.size} Istio CRD kinds, plus IstioOperator`);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const stated = [...readme.matchAll(/\b(\d+) (?:Istio )?(?:CRD )?kinds\b/g)].map((m) => Number(m[1]));
  assert.ok(stated.length > 0, 'the README states the number of kinds');
  assert.deepEqual([...new Set(stated)], [crdKinds.size]);
});
