import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** `npm run bench -- <name>`: runs dist/bench/<name>.bench.js. */
const name = process.argv[2];
const file = name ? join(__dirname, `${name}.bench.js`) : '';
if (!name || !existsSync(file)) {
  process.stderr.write(`usage: npm run bench -- <name>   (see bench/README.md)\n`);
  process.exit(2);
}
void import(pathToFileURL(file).href);
