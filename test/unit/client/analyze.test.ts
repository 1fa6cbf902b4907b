import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { looksLikeIstio, looksLikeManifest, resourceLocations } from '../../../client/src/analyze/resources';
import { DocumentStore } from '../../../server/src/service/documentStore';
import { resourceSummaries } from '../../../server/src/service/features/resources';

/** What the analyze scan gets: the server's `istio/resources` answer for a file's text. */
const indexResources = (file: string, text: string) =>
  resourceLocations(file, resourceSummaries(new DocumentStore().snapshot(file, 0, text)));
import {
  formatMessage,
  levelOf,
  parseAnalyzeJson,
  parseOrigin,
  parseReference,
  placeMessages,
  withoutDuplicates,
  documentOfLine,
  type AnalyzeMessage,
} from '../../../client/src/analyze/results';
import { analyzeArgs } from '../../../client/src/istioctl/argv';
import { ISTIOCTL, fakeEnv } from './fakeEnv';

const VS = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
          weight: 90
        - destination:
            host: reviews
            subset: v3
          weight: 10
`;
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: bookinfo
spec:
  host: reviews
  subsets:
    - name: v1
      labels:
        version: v1
`;

describe('analyze output', () => {
  test('parses the -o json array', () => {
    const msgs = parseAnalyzeJson(
      JSON.stringify([
        {
          code: 'IST0101',
          level: 'Error',
          origin: 'VirtualService default/reviews',
          reference: 'vs.yaml:11',
          message: 'm',
          documentationUrl: 'https://istio.io/x',
        },
        { code: 'IST0102', level: 'Info', origin: 'Namespace default', message: 'n' },
      ]),
    );
    assert.equal(msgs.length, 2);
    assert.equal(msgs[0].reference, 'vs.yaml:11');
    assert.equal(msgs[1].reference, undefined);
    assert.deepEqual(parseAnalyzeJson('[]'), []);
    assert.throws(() => parseAnalyzeJson('Error: failed to fetch'), /JSON array/);
    assert.throws(() => parseAnalyzeJson('{"a":1}'), /JSON array/);
  });

  test('references and origins', () => {
    assert.deepEqual(parseReference('/w/vs.yaml:11'), { file: '/w/vs.yaml', line: 11 });
    assert.deepEqual(parseReference('C:\\w\\vs.yaml:3'), { file: 'C:\\w\\vs.yaml', line: 3 });
    assert.deepEqual(parseReference('/w/vs.json'), { file: '/w/vs.json' });
    assert.deepEqual(parseOrigin('VirtualService default/reviews'), {
      kind: 'VirtualService',
      namespace: 'default',
      name: 'reviews',
    });
    assert.deepEqual(parseOrigin('Namespace bookinfo'), { kind: 'Namespace', name: 'bookinfo' });
  });

  test('places messages by reference, relative to cwd, or by origin in the workspace', () => {
    const resources = indexResources('/w/vs.yaml', VS);
    const msgs: AnalyzeMessage[] = [
      {
        code: 'IST0101',
        level: 'Error',
        origin: 'VirtualService bookinfo/reviews',
        reference: '/w/vs.yaml:17',
        message: 'a',
      },
      {
        code: 'IST0101',
        level: 'Error',
        origin: 'VirtualService bookinfo/reviews',
        reference: 'sub/x.yaml:2',
        message: 'b',
      },
      {
        code: 'IST0128',
        level: 'Warning',
        origin: 'VirtualService bookinfo/reviews',
        message: 'from the cluster',
      },
      { code: 'IST0102', level: 'Info', origin: 'Namespace default', message: 'not here' },
    ];
    const { placed, unplaced } = placeMessages(msgs, { cwd: '/w', resources });
    assert.deepEqual(
      placed.map((p) => [p.file, p.line, p.message.message]),
      [
        ['/w/vs.yaml', 16, 'a'],
        ['/w/sub/x.yaml', 1, 'b'],
        ['/w/vs.yaml', 3, 'from the cluster'],
      ],
    );
    assert.deepEqual(
      unplaced.map((m) => m.message),
      ['not here'],
    );
  });

  test('drops a finding the language server already reports (same code, same line)', () => {
    const found = [
      { code: 'IST0101', line: 16 },
      { code: 'IST0101', line: 11 },
      { code: 'IST0128', line: 16 },
    ];
    const kept = withoutDuplicates(found, [
      { code: 'IST0101', line: 16, source: 'istio' },
      { code: 'IST0128', line: 16, source: 'yaml' },
      { code: 'unknown-field', line: 11, source: 'istio' },
    ]);
    assert.deepEqual(kept, [
      { code: 'IST0101', line: 11 },
      { code: 'IST0128', line: 16 },
    ]);
  });

  test('a finding istioctl places at the resource start and the server on the field counts once', () => {
    // Two documents: lines 0-4, then `---` at line 5 opens the second (lines 5-14).
    const lines = ['apiVersion: v1', 'kind: A', 'metadata:', '  name: a', 'spec: {}', '--- # b'];
    for (let i = 6; i < 15; i++) lines.push(`  line${i}: x`);
    const docOf = documentOfLine(lines);
    assert.deepEqual([0, 4, 5, 6, 14, 99].map(docOf), [0, 0, 1, 1, 1, 1]);
    const found = [
      { code: 'IST0128', line: 6 },
      { code: 'IST0128', line: 0 },
      { code: 'IST0101', line: 8 },
      { code: 'IST0101', line: 9 },
    ];
    const kept = withoutDuplicates(
      found,
      [
        { code: 'IST0128', line: 12, source: 'istio' },
        { code: 'IST0101', line: 8, source: 'istio' },
      ],
      docOf,
    );
    // IST0128 of the second document is the server's line-12 finding; the first document has none of
    // its own. The server's IST0101 on line 8 matches istioctl's line 8 and cannot also absorb line 9.
    assert.deepEqual(kept, [
      { code: 'IST0128', line: 0 },
      { code: 'IST0101', line: 9 },
    ]);
    assert.deepEqual(
      withoutDuplicates([{ code: 'IST0128', line: 6 }], [{ code: 'IST0128', line: 12, source: 'istio' }]),
      [{ code: 'IST0128', line: 6 }],
      'without document boundaries only the same line counts',
    );
  });

  test('levels and the log line format', () => {
    const m: AnalyzeMessage = {
      code: 'IST0101',
      level: 'Error',
      origin: 'VirtualService default/reviews',
      reference: 'vs.yaml:11',
      message: 'x',
    };
    assert.equal(levelOf(m), 'error');
    assert.equal(levelOf({ ...m, level: 'Warning' }), 'warning');
    assert.equal(levelOf({ ...m, level: 'Info' }), 'info');
    assert.equal(formatMessage(m), 'Error [IST0101] (VirtualService default/reviews vs.yaml:11) x');
  });
});

describe('workspace resources', () => {
  test('index: kind, name, namespace and the line of metadata.name', () => {
    assert.deepEqual(indexResources('/w/a.yaml', `${VS}---\n${DR}`), [
      { file: '/w/a.yaml', kind: 'VirtualService', name: 'reviews', namespace: 'bookinfo', line: 3 },
      { file: '/w/a.yaml', kind: 'DestinationRule', name: 'reviews', namespace: 'bookinfo', line: 22 },
    ]);
    assert.deepEqual(indexResources('/w/b.yaml', ': : bad'), []);
  });

  test('which files are manifests', () => {
    assert.equal(looksLikeManifest(VS), true);
    assert.equal(looksLikeIstio(VS), true);
    assert.equal(looksLikeManifest('name: CI\non: push\njobs: {}\n'), false);
    assert.equal(looksLikeIstio('apiVersion: apps/v1\nkind: Deployment\n'), false);
  });
});

describe('against the fake istioctl', () => {
  const fx = fakeEnv();
  after(() => fx.cleanup());

  test('a subset without DestinationRule is reported at its host line, exit code 0 with -o json', () => {
    const vs = path.join(fx.dir, 'vs.yaml');
    const dr = path.join(fx.dir, 'dr.yaml');
    fs.writeFileSync(vs, VS);
    fs.writeFileSync(dr, DR);
    const r = spawnSync(ISTIOCTL, analyzeArgs({ kind: 'files', files: [vs, dr] }), {
      env: fx.env,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const msgs = parseAnalyzeJson(r.stdout);
    assert.deepEqual(
      msgs.map((m) => [m.code, m.reference]),
      [['IST0101', `${vs}:16`]],
    );
    const { placed } = placeMessages(msgs, { resources: [] });
    assert.equal(VS.split('\n')[placed[0].line].trim(), 'host: reviews');
  });
});
