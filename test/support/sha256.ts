import { createHash } from 'node:crypto';

/** Hex SHA-256, for domain tests of code that takes the hash function as a parameter. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
