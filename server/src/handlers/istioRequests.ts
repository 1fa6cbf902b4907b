import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CheckIstioOperatorRequest,
  ResourcesRequest,
  TrafficRoutesRequest,
  WeightEditsRequest,
  type CheckIstioOperatorParams,
  type CheckIstioOperatorResult,
  type IstioRange,
  type ResourcesParams,
  type ResourcesResult,
  type TrafficRoutesParams,
  type TrafficRoutesResult,
  type WeightEditsParams,
  type WeightEditsResult,
} from '../../../shared/src/protocol';
import { DocumentStore, type FileSnapshot } from '../service/documentStore';
import type { IstioService } from '../service/index';
import { resourceSummaries } from '../service/features/resources';
import { formatSplit, trafficRoutes, weightEdits } from '../service/features/trafficRoutes';
import { guard } from './guard';

/** Texts larger than this sent with `istio/resources` are not read (the analyze scan skips them). */
const MAX_SENT_TEXT = 8 * 1024 * 1024;

/**
 * The `istio/…` requests of shared/src/protocol.ts: the client's traffic shifting, analyze scan and
 * Install read YAML only through these, so the server's parsed documents are the one YAML engine.
 */
export function registerIstioRequests(deps: {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  service: () => IstioService;
  log: (message: string) => void;
}): void {
  const { connection, documents, log, service } = deps;
  const snapshot = (uri: string): FileSnapshot | undefined => {
    const doc = documents.get(uri);
    return doc ? service().snapshot(uri, doc.version, doc.getText()) : undefined;
  };
  const range = (file: FileSnapshot, start: number, end: number): IstioRange => ({
    start: file.lines().position(start),
    end: file.lines().position(end),
  });

  connection.onRequest(
    TrafficRoutesRequest,
    guard(
      'trafficRoutes',
      log,
      { version: -1, routes: [] },
      (p: TrafficRoutesParams): TrafficRoutesResult => {
        const file = snapshot(p.uri);
        if (!file) return { version: -1, routes: [] };
        return {
          version: file.version,
          routes: trafficRoutes(file).map((r) => ({
            ref: r.ref,
            virtualService: r.virtualService,
            namespace: r.namespace,
            name: r.name,
            destinations: r.destinations.map((d) => ({
              host: d.host,
              subset: d.subset,
              label: d.label,
              weight: d.weight,
              share: d.share,
            })),
            range: range(file, r.start, r.end),
            documentRange: range(file, r.documentStart, r.documentEnd),
            split: formatSplit(r),
            invalid: r.invalid,
          })),
        };
      },
    ),
  );

  connection.onRequest(
    WeightEditsRequest,
    guard('weightEdits', log, { error: 'internal error' }, (p: WeightEditsParams): WeightEditsResult => {
      const file = snapshot(p.uri);
      if (!file) return { error: 'the document is not open' };
      try {
        const edits = weightEdits(file, p.ref, p.weights);
        return {
          version: file.version,
          edits: edits.map((e) => ({
            range: range(file, e.offset, e.offset + e.length),
            newText: e.newText,
          })),
        };
      } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );

  connection.onRequest(
    ResourcesRequest,
    guard('resources', log, { resources: [] }, (p: ResourcesParams): ResourcesResult => {
      let file: FileSnapshot | undefined;
      if (typeof p.text === 'string') {
        if (p.text.length > MAX_SENT_TEXT || p.text.includes('\u0000')) return { resources: [] };
        // A file that is not open: parsed once and not kept.
        file = new DocumentStore().snapshot(p.uri, 0, p.text);
      } else file = snapshot(p.uri);
      if (!file) return { resources: [] };
      return { resources: resourceSummaries(file) };
    }),
  );

  connection.onRequest(
    CheckIstioOperatorRequest,
    guard(
      'checkIstioOperator',
      log,
      { documents: 0, problems: [{ line: 0, message: 'the language server could not check the file' }] },
      (p: CheckIstioOperatorParams): CheckIstioOperatorResult => service().checkIstioOperator(p.text),
    ),
  );
}
