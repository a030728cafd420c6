import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactionRulesDocument } from '../domain/shared/redaction/rules-document';

/**
 * `npm run redaction:export`: writes the redaction rules to sdk/redaction-rules.json, from which the
 * TypeScript and Python SDKs rebuild the server's engine. test/redaction/rules-file.test.ts fails
 * when the committed file and the rules drift apart.
 */
const target = join(__dirname, '..', '..', 'sdk', 'redaction-rules.json');
writeFileSync(target, redactionRulesDocument());
process.stdout.write(`wrote ${target}\n`);
