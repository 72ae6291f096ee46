#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the repository needs no build step.
import { register } from 'tsx/esm/api';

register();
// Everything jobinvest writes (the store, its write-ahead log, the secret, uploads, exports) is for
// its owner only: the store holds register data on persons.
process.umask(0o077);
const { main } = await import('../src/cli/program.ts');

const stopped = new Promise((resolve) => {
  process.once('SIGINT', resolve);
  process.once('SIGTERM', resolve);
});

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  tty: process.stderr.isTTY === true,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  untilStopped: () => stopped,
  readStdin: async () => {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  },
});
