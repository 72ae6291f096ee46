/** Binds the API to a host and port and keeps it running until SIGINT/SIGTERM. */

import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { AppContext } from '../context.ts';
import { createApp } from './app.ts';
import { startPreparation, type PreparationReport } from './prepare.ts';
import { registerWebApp } from './static.ts';

export interface RunningServer {
  readonly url: string;
  /** The background preparation of the pages' first answers (prepare.ts) for the current data. */
  prepared(): Promise<PreparationReport | null>;
  /** When the largest municipality's pages have their first answers (prepare.ts). */
  firstReady(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Serve the API and the web app; once listening, prepare the pages' first answers in the
 * background, now and after each import (`onPrepared` hears of each preparation done).
 */
export function startServer(
  context: AppContext,
  onPrepared?: (report: PreparationReport) => void,
): Promise<RunningServer> {
  const app = createApp(context);
  registerWebApp(app);
  const { host, port, tls } = context.config.server;
  const https = tls
    ? {
        createServer: createHttpsServer,
        serverOptions: { cert: readFileSync(tls.cert), key: readFileSync(tls.key) },
      }
    : {};
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port, ...https }, (info: AddressInfo) => {
      // On every address (0.0.0.0, ::) it answers on loopback too: name that, an allowed host by
      // default (no browser, nor Host check, takes 0.0.0.0 for a server's name).
      const address = info.address === '0.0.0.0' ? '127.0.0.1' : info.address === '::' ? '::1' : info.address;
      const shownHost = info.family === 'IPv6' ? `[${address}]` : address;
      const preparation = startPreparation(context, onPrepared);
      resolve({
        url: `${tls ? 'https' : 'http'}://${shownHost}:${info.port}`,
        prepared: preparation.done,
        firstReady: preparation.firstReady,
        close: () => {
          preparation.stop();
          return new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done())));
        },
      });
    });
    server.once('error', reject);
  });
}
