import { AwsError } from '../core/aws-error';

/** One entry of the `patchOperations` list that every Update* operation of API Gateway takes. */
export interface PatchOperation {
  op: string;
  path?: string;
  value?: string;
  from?: string;
}

const OPS = ['add', 'remove', 'move', 'test', 'replace', 'copy'];

/**
 * Checks every op against the enumeration first, as AWS does, reporting all bad ones in one
 * message (`updateRestApiInput.patchOperations.1.member.op`, counted from 1).
 */
export function validatePatchOperations(operations: PatchOperation[] | undefined, inputName: string): PatchOperation[] {
  const list = operations ?? [];
  const violations = list.flatMap((p, i) =>
    OPS.includes(p.op)
      ? []
      : [`Value '${p.op}' at '${inputName}.patchOperations.${i + 1}.member.op' failed to satisfy constraint: Member must satisfy enum value set: [${OPS.join(', ')}]`],
  );
  if (violations.length > 0) {
    const n = violations.length;
    throw new AwsError('ValidationException', `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
  }
  return list;
}

/** A patch path's segments with JSON Pointer escapes undone (`image~1png` is `image/png`). */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
