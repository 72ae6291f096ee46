import { describe, expect, it } from 'vitest';
import { JOBINDSATS_GROUPS } from '../monitoring/jobindsats-groups.ts';
import { PEER_EXTRACT_HEADER, PeerExtract } from './peer-extract.ts';
import { SyntheticPopulation } from './population.ts';

/** The extract and framework files of a small population: 2 municipalities, 2023-2024. */
function extract(seed: number) {
  const population = new SyntheticPopulation({
    persons: 300,
    municipalities: 2,
    fromYear: 2023,
    toYear: 2024,
    seed,
  });
  const peers = new PeerExtract(population);
  for (let p = population.nextPerson(); p; p = population.nextPerson()) peers.add(p);
  return peers.files(population.municipalityYears());
}

const danish = (text: string) => Number(text.replaceAll('.', '').replace(',', '.'));

describe('the synthetic jobindsats extract', () => {
  const { jobindsats, framework } = extract(1);
  const lines = jobindsats.split('\n');
  const rows = lines.slice(3, -3).map((line) => line.split(';'));

  it("is written as jobindsats' download: a title, a blank line, the header, the rows, a footnote", () => {
    expect(lines[0]).toMatch(/^Syntetisk udtræk i jobindsats' format: .* 2023M01-2024M12 /);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(PEER_EXTRACT_HEADER);
    expect(lines.slice(-3)).toEqual(['', 'Kilde: syntetiske data, ikke jobindsats.dk', '']);
    expect(rows).toHaveLength(98 * 24 * JOBINDSATS_GROUPS.length);
    expect(new Set(rows.map((r) => r[0])).size).toBe(98);
    expect(new Set(rows.map((r) => r[1]))).toEqual(
      new Set(
        Array.from(
          { length: 24 },
          (_, k) => `${2023 + Math.floor(k / 12)}M${String((k % 12) + 1).padStart(2, '0')}`,
        ),
      ),
    );
  });

  it("gives a drawn municipality's I alt the sum of its groups, to the rounding of the groups", () => {
    const egedal = rows.filter((r) => r[0] === 'Egedal' && r[1] === '2024M06');
    const all = egedal.pop()!;
    expect(all[2]).toBe('Offentligt forsørgede i alt');
    const sum = egedal.reduce((s, r) => s + danish(r[3]!), 0);
    expect(Math.abs(danish(all[3]!) - sum)).toBeLessThanOrEqual(0.01);
  });

  it('writes framework conditions for every municipality and year, as fractions', () => {
    const [header, ...values] = framework.trim().split('\n');
    expect(header).toBe('kommune;år;variabel;værdi');
    expect(values).toHaveLength(98 * 2 * 6);
    for (const line of values) {
      const [, , variable, value] = line.split(';');
      if (variable !== 'localJobs') expect(danish(value!)).toBeGreaterThanOrEqual(0);
      if (variable !== 'localJobs') expect(danish(value!)).toBeLessThanOrEqual(1);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(extract(1)).toEqual({ jobindsats, framework });
    expect(extract(2).jobindsats).not.toBe(jobindsats);
  });
});
