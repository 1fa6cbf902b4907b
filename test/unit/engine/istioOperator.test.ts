import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose, expectDiagnostic, expectNone, hoverText } from '../helpers';

const IOP = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: custom-config
  namespace: istio-system
spec:
  profile: demo
  meshConfig:
    accessLogFile: /dev/stdout
  components:
    egressGateways:
    - name: istio-egressgateway
      enabled: true
  values:
    global:
      proxy:
        resources:
          requests:
            cpu: 100m
`;

test('an IstioOperator install file validates clean', () => {
  expectNone(diagnose(IOP));
});

test('typos in an IstioOperator file are caught', () => {
  const text = IOP.replace('  profile: demo', '  profle: demo');
  const d = expectDiagnostic(diagnose(text), 'unknown-field', 6, { text, covers: 'profle' });
  assert.match(d.message, /Did you mean 'profile'\?/);
  const comp = IOP.replace('    egressGateways:', '    egresGateways:');
  expectDiagnostic(diagnose(comp), 'unknown-field', 10);
});

test('hover on IstioOperator kind names the resource', () => {
  assert.match(
    hoverText(IOP.replace('kind: IstioOperator', 'kind: Istio|Operator')),
    /\*\*IstioOperator\*\*/,
  );
});
