// Jest transform for dependencies that ship only ES modules (NestJS 12, jose, ...) or that load
// Node built-ins with import() (PGlite). Jest's CommonJS runtime supports neither before Node 24.9.
// 1. import.meta.url      -> the file URL of __filename
// 2. import('<built-in>') -> an already-resolved process.getBuiltinModule (bundles declare their own
//    hoisted `var require` or `const module`, which would shadow require/module in the same scope)
// 3. ES module syntax     -> CommonJS, with TypeScript's transpiler (no native binaries needed)
const { createHash } = require('node:crypto');
const { builtinModules } = require('node:module');
const ts = require('typescript');

const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const VERSION = `esm-to-cjs-2:${ts.version}`;

function transformSource(source, filename) {
  let code = source
    .replace(/\bimport\.meta\.url\b/g, "require('node:url').pathToFileURL(__filename).href")
    .replace(/\bimport\((["'])([^"']+)\1\)/g, (call, quote, name) =>
      builtins.has(name) ? `Promise.resolve(process.getBuiltinModule(${quote}${name}${quote}))` : call,
    );
  if (!filename.endsWith('.cjs') && /^\s*(import|export)\s/m.test(code)) {
    code = ts.transpileModule(code, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        allowJs: true,
      },
    }).outputText;
  }
  return { code };
}

function getCacheKey(source, filename) {
  return createHash('sha256').update(VERSION).update(filename).update(source).digest('hex');
}

module.exports = { process: transformSource, getCacheKey };
