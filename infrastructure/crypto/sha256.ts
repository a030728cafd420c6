import { createHash } from 'node:crypto';
import { Digest } from '../../domain/shared/ports/digest.port';

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export class NodeDigest extends Digest {
  sha256(text: string): string {
    return sha256(text);
  }
}
