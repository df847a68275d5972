import { enumOf, list, string, structure } from '../protocol/validation';

/** One entry of the `patchOperations` list that every Update* operation of API Gateway takes. */
export interface PatchOperation {
  op: string;
  path?: string;
  value?: string;
  from?: string;
}

/** The `patchOperations` member every Update* operation takes, with the model's enumeration of ops. */
export const PATCH_OPERATIONS = list(structure({ op: enumOf(['add', 'remove', 'move', 'test', 'replace', 'copy']), path: string(), value: string(), from: string() }));

/** A patch path's segments with JSON Pointer escapes undone (`image~1png` is `image/png`). */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
