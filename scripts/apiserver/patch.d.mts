// Types of patch.mjs, for the tests that compare it with kubectl's own patching.
export declare function mergePatch(target: unknown, patch: unknown): unknown;
export declare function jsonPatch(target: unknown, ops: unknown): unknown;
export declare function strategicMergePatch(target: unknown, patch: unknown): unknown;
