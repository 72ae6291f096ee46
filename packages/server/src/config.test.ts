import { describe, expect, it } from 'vitest';
import { loadConfig, normalizeConfig } from './config.ts';
import { tempDir, writeTemp } from './cli/test-helpers.ts';

describe('configuration', () => {
  it('defaults to 127.0.0.1:8080, the shipped rates and ./data/jobinvest.duckdb', () => {
    expect(normalizeConfig({}, 'x')).toEqual({
      server: {
        host: '127.0.0.1',
        port: 8080,
        requestBudgetSeconds: 120,
        allowedHosts: ['127.0.0.1', 'localhost', '[::1]'],
        tls: null,
      },
      ratesFile: null,
      db: 'data/jobinvest.duckdb',
      secretFile: null,
      access: {
        sessionIdleMinutes: 30,
        sessionAbsoluteHours: 10,
        loginAttempts: 5,
        lockoutMinutes: 15,
        suppressionThreshold: 5,
        oidc: null,
      },
    });
  });

  it('takes the config file over the defaults and the flags over the file', async () => {
    const dir = tempDir();
    writeTemp(dir, 'jobinvest.config.json', JSON.stringify({ server: { port: 9000 } }));
    expect((await loadConfig({ cwd: dir })).server.port).toBe(9000);
    expect((await loadConfig({ cwd: dir, overrides: { port: 9100 } })).server).toMatchObject({
      host: '127.0.0.1',
      port: 9100,
      requestBudgetSeconds: 120,
    });
  });

  it('names the file and field of a bad value and refuses unknown keys', async () => {
    const dir = tempDir();
    writeTemp(dir, 'jobinvest.config.json', JSON.stringify({ server: { port: 'eighty' } }));
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(
      /jobinvest\.config\.json, column server\.port: expected .*number/,
    );
    expect(() => normalizeConfig({ prot: 1 }, 'c.json')).toThrow(/c\.json, column \(top level\)/);
  });

  it('refuses a config file given by name that does not exist', async () => {
    await expect(loadConfig({ cwd: tempDir(), configFile: 'missing.json' })).rejects.toThrow(
      /missing\.json: expected a readable JSON config file, found "no such file"/,
    );
  });
});
