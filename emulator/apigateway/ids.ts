import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Identifiers in API Gateway's shape: lowercase letters and digits. REST API and root resource ids
 * have ten characters, other resources and deployments six.
 */
export function newId(length: number, taken: (id: string) => boolean = () => false): string {
  for (;;) {
    let id = '';
    for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
    if (!taken(id)) return id;
  }
}
