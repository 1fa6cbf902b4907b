import * as vscode from 'vscode';
import { clampSetting, COMMAND_TIMEOUT_SECONDS, INSTALL_TIMEOUT_SECONDS } from '../../../shared/src/limits';

export type InjectResultView = 'beside' | 'diff' | 'ask';

/**
 * The `istio.*` settings the istioctl workflow reads. A new setting travels: package.json
 * `contributes.configuration` → this interface → `readWorkflowSettings` → the command that uses it.
 */
export interface WorkflowSettings {
  istioctlPath: string;
  kubectlPath: string;
  commandTimeoutMs: number;
  installTimeoutMs: number;
  inject: {
    injectConfigFile: string;
    meshConfigFile: string;
    valuesFile: string;
    showResultAs: InjectResultView;
  };
  analyzeMeshConfigFile: string;
  shiftTrafficCodeLens: boolean;
  canary: { stepPercent: number; intervalSeconds: number };
}

function positive(n: unknown, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function readWorkflowSettings(scope?: vscode.Uri): WorkflowSettings {
  const cfg = vscode.workspace.getConfiguration('istio', scope);
  const text = (key: string): string => (cfg.get<string>(key) ?? '').trim();
  const view = cfg.get<string>('inject.showResultAs');
  return {
    istioctlPath: text('istioctl.path'),
    kubectlPath: text('kubectl.path'),
    // Clamped in code as well as in the schema: a workspace cannot set 0 or a year.
    commandTimeoutMs: clampSetting(cfg.get('commandTimeoutSeconds'), COMMAND_TIMEOUT_SECONDS) * 1000,
    installTimeoutMs: clampSetting(cfg.get('install.timeoutSeconds'), INSTALL_TIMEOUT_SECONDS) * 1000,
    inject: {
      injectConfigFile: text('inject.injectConfigFile'),
      meshConfigFile: text('inject.meshConfigFile'),
      valuesFile: text('inject.valuesFile'),
      showResultAs: view === 'diff' || view === 'ask' ? view : 'beside',
    },
    analyzeMeshConfigFile: text('analyze.meshConfigFile'),
    shiftTrafficCodeLens: cfg.get<boolean>('shiftTraffic.codeLens') ?? true,
    canary: {
      stepPercent: Math.min(100, Math.round(positive(cfg.get('canary.stepPercent'), 10))),
      intervalSeconds: Math.max(0, Math.round(cfg.get<number>('canary.intervalSeconds') ?? 60)),
    },
  };
}
