import { didYouMean } from '../../didYouMean';
import type { Rule } from '../rule';
import { entries } from '../shared/values';
import { checksEndpoints, endpointsOf, KIND, portNames, resolutionOf } from './entry';

export const undefinedEndpointPort: Rule = {
  code: 'se-undefined-endpoint-port',
  severity: 'error',
  kinds: [KIND],
  title: 'Endpoint port not declared by the ServiceEntry',
  explanation: [
    'The keys of an endpoint\'s `ports` map are names of ports declared in `spec.ports`; the value is the port number on that endpoint. Istio rejects a key that names no declared port ("endpoint port is not defined by the service entry").',
  ].join('\n'),
  check(ctx) {
    if (!checksEndpoints(resolutionOf(ctx.value))) return;
    const names = portNames(ctx.value);
    for (const ep of endpointsOf(ctx.value)) {
      for (const [name] of entries(ep.value.ports)) {
        if (names.has(name)) continue;
        const path = [...ep.path, 'ports', name];
        const suggestion = didYouMean(name, [...names]);
        ctx.report(
          path,
          `The endpoint port "${name}" is not one of the ServiceEntry's ports (${[...names].join(', ') || 'none declared'}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          {
            fixes: suggestion ? [ctx.fix.renameKey(path, suggestion, `Rename to ${suggestion}`)] : [],
          },
        );
      }
    }
  },
};
