import type { Rule } from '../rule';
import { directResponseWithFault } from './directResponseWithFault';
import { directResponseWithRewrite } from './directResponseWithRewrite';
import { directResponseWithRoute } from './directResponseWithRoute';
import { mirrorWithMirrors } from './mirrorWithMirrors';
import { redirectWithDirectResponse } from './redirectWithDirectResponse';
import { redirectWithFault } from './redirectWithFault';
import { redirectWithRewrite } from './redirectWithRewrite';
import { redirectWithRoute } from './redirectWithRoute';

/** The rules of this kind, one per file in this folder. */
export const rules: readonly Rule[] = [
  redirectWithRoute,
  redirectWithFault,
  redirectWithRewrite,
  redirectWithDirectResponse,
  directResponseWithRoute,
  directResponseWithFault,
  directResponseWithRewrite,
  mirrorWithMirrors,
];
