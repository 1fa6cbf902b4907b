import type { Rule } from '../rule';
import { addOnRoute } from './addOnRoute';
import { relativeWithoutPriority } from './relativeWithoutPriority';
import { relativeWithProxyVersion } from './relativeWithProxyVersion';
import { removeOnRoute } from './removeOnRoute';
import { replaceUnsupported } from './replaceUnsupported';

/** The rules of this kind. */
export const rules: readonly Rule[] = [
  relativeWithoutPriority,
  replaceUnsupported,
  addOnRoute,
  removeOnRoute,
  relativeWithProxyVersion,
];
