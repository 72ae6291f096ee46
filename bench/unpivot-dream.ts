// Child process of the benchmark: the plain DuckDB way, read_csv + UNPIVOT into person-weeks, for comparison.
import { DuckDBInstance } from '@duckdb/node-api';

const [file] = process.argv.slice(2) as [string];
const instance = await DuckDBInstance.create(':memory:');
const c = await instance.connect();
const t0 = performance.now();
await c.run(`CREATE TABLE pw AS SELECT PNR, col, code FROM (
  UNPIVOT (SELECT * FROM read_csv('${file.replace(/'/g, "''")}', all_varchar = true, header = true))
  ON COLUMNS('^y_') INTO NAME col VALUE code)`);
const seconds = (performance.now() - t0) / 1000;
const reader = await c.runAndReadAll('SELECT count(*) AS n FROM pw');
process.stdout.write(
  JSON.stringify({
    seconds,
    nonEmptyCells: Number(reader.getRows()[0]?.[0] ?? 0),
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
