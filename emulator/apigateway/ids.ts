import { randomInt } from 'node:crypto';
import { recordId, replayedId } from '../persistence/captured-ids';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Identifiers in API Gateway's shape: lowercase letters and digits. REST API and root resource ids
 * have ten characters, other resources and deployments six.
 */
export function newId(length: number, taken: (id: string) => boolean = () => false): string {
  // A request replayed from the state folder gets the ids it was given the first time.
  const replayed = replayedId();
  if (replayed !== undefined) return replayed;
  for (;;) {
    let id = '';
    for (let i = 0; i < length; i++) id += ALPHABET[randomInt(ALPHABET.length)];
    if (!taken(id)) {
      recordId(id);
      return id;
    }
  }
}
