/**
 * Danish municipalities (kommuner) for the synthetic population: the 98 real municipality codes and
 * names (the codes of Danmarks Statistik and DREAM's `kommune`), each with its approximate total
 * population on 1 January 2024, rounded (Danmarks Statistik FOLK1A as recalled; status `approximate`,
 * good enough for weights, not for statistics). Christiansø (411) is not a municipality and is absent.
 */

export interface MunicipalityInfo {
  readonly code: number;
  readonly name: string;
  /** Approximate total population, 1 January 2024. */
  readonly population: number;
}

const m = (code: number, name: string, population: number): MunicipalityInfo => ({ code, name, population });

export const MUNICIPALITIES: readonly MunicipalityInfo[] = [
  m(101, 'København', 660_000),
  m(147, 'Frederiksberg', 104_000),
  m(151, 'Ballerup', 52_000),
  m(153, 'Brøndby', 39_000),
  m(155, 'Dragør', 14_000),
  m(157, 'Gentofte', 75_000),
  m(159, 'Gladsaxe', 70_000),
  m(161, 'Glostrup', 24_000),
  m(163, 'Herlev', 30_000),
  m(165, 'Albertslund', 28_000),
  m(167, 'Hvidovre', 54_000),
  m(169, 'Høje-Taastrup', 58_000),
  m(173, 'Lyngby-Taarbæk', 57_000),
  m(175, 'Rødovre', 42_000),
  m(183, 'Ishøj', 24_000),
  m(185, 'Tårnby', 44_000),
  m(187, 'Vallensbæk', 17_000),
  m(190, 'Furesø', 41_000),
  m(201, 'Allerød', 26_000),
  m(210, 'Fredensborg', 41_000),
  m(217, 'Helsingør', 64_000),
  m(219, 'Hillerød', 54_000),
  m(223, 'Hørsholm', 25_000),
  m(230, 'Rudersdal', 57_000),
  m(240, 'Egedal', 44_000),
  m(250, 'Frederikssund', 46_000),
  m(253, 'Greve', 51_000),
  m(259, 'Køge', 62_000),
  m(260, 'Halsnæs', 31_000),
  m(265, 'Roskilde', 90_000),
  m(269, 'Solrød', 24_000),
  m(270, 'Gribskov', 41_000),
  m(306, 'Odsherred', 33_000),
  m(316, 'Holbæk', 73_000),
  m(320, 'Faxe', 38_000),
  m(326, 'Kalundborg', 49_000),
  m(329, 'Ringsted', 36_000),
  m(330, 'Slagelse', 80_000),
  m(336, 'Stevns', 24_000),
  m(340, 'Sorø', 30_000),
  m(350, 'Lejre', 29_000),
  m(360, 'Lolland', 40_000),
  m(370, 'Næstved', 84_000),
  m(376, 'Guldborgsund', 60_000),
  m(390, 'Vordingborg', 46_000),
  m(400, 'Bornholm', 39_000),
  m(410, 'Middelfart', 40_000),
  m(420, 'Assens', 41_000),
  m(430, 'Faaborg-Midtfyn', 52_000),
  m(440, 'Kerteminde', 24_000),
  m(450, 'Nyborg', 32_000),
  m(461, 'Odense', 208_000),
  m(479, 'Svendborg', 59_000),
  m(480, 'Nordfyns', 30_000),
  m(482, 'Langeland', 12_000),
  m(492, 'Ærø', 6_000),
  m(510, 'Haderslev', 56_000),
  m(530, 'Billund', 27_000),
  m(540, 'Sønderborg', 74_000),
  m(550, 'Tønder', 37_000),
  m(561, 'Esbjerg', 115_000),
  m(563, 'Fanø', 3_500),
  m(573, 'Varde', 50_000),
  m(575, 'Vejen', 43_000),
  m(580, 'Aabenraa', 59_000),
  m(607, 'Fredericia', 52_000),
  m(615, 'Horsens', 99_000),
  m(621, 'Kolding', 95_000),
  m(630, 'Vejle', 122_000),
  m(657, 'Herning', 90_000),
  m(661, 'Holstebro', 59_000),
  m(665, 'Lemvig', 19_000),
  m(671, 'Struer', 20_000),
  m(706, 'Syddjurs', 43_000),
  m(707, 'Norddjurs', 37_000),
  m(710, 'Favrskov', 50_000),
  m(727, 'Odder', 24_000),
  m(730, 'Randers', 99_000),
  m(740, 'Silkeborg', 100_000),
  m(741, 'Samsø', 3_700),
  m(746, 'Skanderborg', 65_000),
  m(751, 'Aarhus', 370_000),
  m(756, 'Ikast-Brande', 42_000),
  m(760, 'Ringkøbing-Skjern', 56_000),
  m(766, 'Hedensted', 47_000),
  m(773, 'Morsø', 20_000),
  m(779, 'Skive', 46_000),
  m(787, 'Thisted', 43_000),
  m(791, 'Viborg', 98_000),
  m(810, 'Brønderslev', 36_000),
  m(813, 'Frederikshavn', 58_000),
  m(820, 'Vesthimmerlands', 36_000),
  m(825, 'Læsø', 1_700),
  m(840, 'Rebild', 31_000),
  m(846, 'Mariagerfjord', 42_000),
  m(849, 'Jammerbugt', 39_000),
  m(851, 'Aalborg', 222_000),
  m(860, 'Hjørring', 64_000),
];

/** Municipalities from the largest to the smallest population; equal populations by code. */
export function municipalitiesBySize(): MunicipalityInfo[] {
  return [...MUNICIPALITIES].sort((a, b) => b.population - a.population || a.code - b.code);
}

/**
 * The `count` municipalities of a synthetic population: a spread of sizes, so that a small sample
 * has a large, middling and small municipality rather than only the capital region. Ranked from the
 * largest, ranks `round(i * (K - 1) / (count - 1))` for i = 0..count-1 are taken (K = 98): one
 * municipality is København, two are København and Læsø, five are ranks 1, 25, 49, 74 and 98, and
 * 98 are all. Returned in code order.
 */
export function selectMunicipalities(count: number): MunicipalityInfo[] {
  const ranked = municipalitiesBySize();
  if (!Number.isInteger(count) || count < 1 || count > ranked.length) {
    throw new RangeError(
      `the number of municipalities must be a whole number from 1 to ${ranked.length}, found ${count}`,
    );
  }
  const picked =
    count === 1
      ? [ranked[0]!]
      : Array.from({ length: count }, (_, i) => ranked[Math.round((i * (ranked.length - 1)) / (count - 1))]!);
  return picked.sort((a, b) => a.code - b.code);
}

/**
 * Persons per municipality in proportion to population, summing to exactly `persons`: Hamilton's
 * largest-remainder method (each gets the floor of its quota, the leftover persons go to the largest
 * remainders; ties to the larger municipality, then the lower code).
 */
export function allocatePersons(persons: number, municipalities: readonly MunicipalityInfo[]): number[] {
  const total = municipalities.reduce((sum, x) => sum + x.population, 0);
  const quotas = municipalities.map((x) => (persons * x.population) / total);
  const counts = quotas.map(Math.floor);
  let left = persons - counts.reduce((a, b) => a + b, 0);
  const order = municipalities
    .map((x, i) => ({ i, remainder: quotas[i]! - counts[i]!, population: x.population, code: x.code }))
    .sort((a, b) => b.remainder - a.remainder || b.population - a.population || a.code - b.code);
  for (const { i } of order) {
    if (left === 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}
