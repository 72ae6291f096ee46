/** The words of the app in Danish and English, and how to read them in one language. */

import type { Language } from '@jobinvest/core';

/**
 * Each text in Danish and English. `{name}` marks a value put in by `words(word, { name })`, so that a
 * sentence can keep its own word order in each language.
 */
export const WORDS = {
  // The frame and what every page shares.
  appTitle: ['Jobinvestering', 'Job investment'],
  pages: ['Sider', 'Pages'],
  overview: ['Overblik', 'Overview'],
  forecast: ['Prognose', 'Forecast'],
  invest: ['Investeringsberegner', 'Investment calculator'],
  fleksjob: ['Fleksjob-beregner', 'Flex-job calculator'],
  modelCheck: ['Modelkontrol', 'Model check'],
  glossary: ['Ordliste', 'Glossary'],
  importData: ['Indlæs data', 'Import data'],

  // Indlæs data: a register file into the store, the import log and the code map.
  importLead: [
    'Filen indlæses i én transaktion: en forkert række afviser hele filen, og databasen er som før. Den samme fil to gange ændrer intet; et nyere udtræk af samme periode erstatter det gamle. CPR-numre pseudonymiseres ved indlæsningen.',
    'The file is imported in one transaction: a bad row refuses the whole file and leaves the store as it was. The same file twice changes nothing; a newer extract of the same period replaces the old one. CPR numbers are pseudonymised on the way in.',
  ],
  importKind: ['Filens indhold', 'What the file holds'],
  importFile: ['Fil (CSV)', 'File (CSV)'],
  importCodes: [
    'Kodeliste til DREAM (valgfri CSV: code,benefit,label,status)',
    'DREAM code list (optional CSV: code,benefit,label,status)',
  ],
  importStart: ['Indlæs', 'Import'],
  importSending: ['Sender filen … {percent}', 'Sending the file … {percent}'],
  importImporting: ['Indlæser … {percent} · {rows} rækker', 'Importing … {percent} · {rows} rows'],
  importDone: [
    'Indlæst som import {id}: {rows} rækker på {seconds} s.',
    'Imported as import {id}: {rows} rows in {seconds} s.',
  ],
  importWeeks: ['Uger: {first} – {last}.', 'Weeks: {first} – {last}.'],
  importUnchanged: [
    'Filen er indlæst før, som import {id}: intet er ændret.',
    'The file was imported before, as import {id}: nothing changed.',
  ],
  importRefusedMore: ['… og {count} problemer mere', '… and {count} more problems'],
  importChooseFile: ['Vælg en fil.', 'Choose a file.'],
  importLog: ['Seneste indlæsninger', 'Last imports'],
  importOutcome: ['Udfald', 'Outcome'],
  importRows: ['Rækker', 'Rows'],
  importFinished: ['Færdig', 'Finished'],
  importMessage: ['Besked', 'Message'],
  importOk: ['indlæst', 'imported'],
  importFailed: ['afvist', 'refused'],
  problemFile: ['Fil', 'File'],
  problemLine: ['Linje', 'Line'],
  problemColumn: ['Kolonne', 'Column'],
  problemExpected: ['Forventet', 'Expected'],
  problemFound: ['Fundet', 'Found'],
  codeMap: ['Kodeliste (DREAM-koder til ydelsesgrupper)', 'Code map (DREAM codes to benefit groups)'],
  codeMapLead: [
    'Koderne er enten bekræftede eller antagede. En kodeliste i CSV (code,benefit,label,status) tilføjer eller erstatter koder.',
    'Each code is verified or assumed. A codes CSV (code,benefit,label,status) adds or replaces codes.',
  ],
  codeLoad: ['Indlæs kodeliste', 'Load code list'],
  codeLoaded: ['Kodelisten har nu {count} koder.', 'The code map now has {count} codes.'],
  code: ['Kode', 'Code'],
  codeLabel: ['Tekst', 'Label'],
  codeStatus: ['Status', 'Status'],
  kind_dream: [
    'DREAM-udtræk (ydelseskode pr. person og uge)',
    'DREAM extract (benefit code per person and week)',
  ],
  kind_spells: ['Forløb (ydelse, start og slut)', 'Spells (benefit, start and end)'],
  'kind_person-weeks': [
    'Personuger (ydelse pr. person og uge)',
    'Person-weeks (benefit per person and week)',
  ],
  kind_ydelsesrefusion: [
    'Ydelsesrefusion (KOMBIT-refusionsfil)',
    'Benefit refusion (the KOMBIT refusion file)',
  ],
  kind_persons: [
    'Personer (fødselsår, køn, herkomst, kommune)',
    'Persons (birth year, sex, origin, municipality)',
  ],
  kind_municipalities: [
    'Kommuner (navn, befolkning, arbejdsstyrke)',
    'Municipalities (name, population, labour force)',
  ],
  kind_interventions: ['Indsatser (tilbud og aktivering)', 'Interventions (offers and activation)'],
  kind_caseworkers: ['Sagsbehandlere (hvem havde sagen)', 'Caseworkers (who had the case)'],
  kind_contacts: ['Samtaler og udeblivelser', 'Meetings and missed meetings'],
  kind_jobindsats: [
    'Jobindsats-udtræk (andre kommuners tal: CSV, XLSX eller API-JSON)',
    "Jobindsats extract (other municipalities' figures: CSV, XLSX or API JSON)",
  ],
  kind_framework: [
    'Rammevilkår (kommune;år;variabel;værdi)',
    'Framework conditions (kommune;år;variabel;værdi)',
  ],
  municipality: ['Kommune', 'Municipality'],
  language: ['English', 'Dansk'],
  loading: ['Henter …', 'Loading …'],
  noMunicipality: [
    'Databasen har ingen kommuner: importér data, eller start med --demo.',
    'The store holds no municipality: import data, or start with --demo.',
  ],
  computing: ['Beregner …', 'Computing …'],
  error: ['Fejl', 'Error'],
  dataWindow: ['Data', 'Data'],
  lastImport: ['Seneste import', 'Last import'],
  definition: ['Definition', 'Definition'],
  excel: ['Excel (.xlsx)', 'Excel (.xlsx)'],
  aNumber: ['Et tal', 'A number'],
  aNumberFromTo: ['Et tal fra {min} til {max}', 'A number from {min} to {max}'],
  // What a number or week field says about the text typed into it (NumberField, WeekField).
  numberEmpty: ['Skriv et tal', 'Type a number'],
  numberMalformed: [
    'Ikke et tal: "{found}". Skriv fx 25.000 eller 1.234,5 (punktum mellem tusinder, komma før decimaler)',
    'Not a number: "{found}". Type e.g. 25.000 or 1.234,5 (a dot between thousands, a comma before decimals)',
  ],
  numberAmbiguous: [
    '"{found}" kan læses på to måder: punktum står mellem tusinder (25.000), komma før decimaler (1,5)',
    '"{found}" can be read two ways: a dot goes between thousands (25.000), a comma before decimals (1,5)',
  ],
  numberNotInteger: ['Et helt tal; fandt {found}', 'A whole number; found {found}'],
  numberFromTo: ['Et tal fra {min} til {max}; fandt {found}', 'A number from {min} to {max}; found {found}'],
  numberAtLeast: ['Mindst {min}; fandt {found}', 'At least {min}; found {found}'],
  numberAtMost: ['Højst {max}; fandt {found}', 'At most {max}; found {found}'],
  weekEmpty: ['Skriv en uge som ÅÅÅÅUU, fx {example}', 'Type a week as YYYYWW, e.g. {example}'],
  weekMalformed: [
    'Ikke en uge: "{found}". Skriv år og uge som ÅÅÅÅUU, fx {example}',
    'Not a week: "{found}". Type the year and week as YYYYWW, e.g. {example}',
  ],
  weekNoSuch: [
    'Uge {week} findes ikke i {year}: året har uge 1-{weeks}',
    'Week {week} does not exist in {year}: the year has weeks 1-{weeks}',
  ],
  startRange: [
    'Starten kan ligge fra {first} til {last}; ugerne efter dataenes sidste uge ({dataLast}) fremskrives.',
    'The start can be from {first} to {last}; the weeks after the last week of data ({dataLast}) are projected.',
  ],
  startRangeServer: [
    'Serveren tager kun starter fra {first} til {last}',
    'The server takes only starts from {first} to {last}',
  ],
  startRangeHint: ['Fra {first} til {last}', 'From {first} to {last}'],
  startRefused: [
    'Serveren afviste starten {found}: {message}',
    'The server refused the start {found}: {message}',
  ],
  year: ['År', 'Year'],
  benefit: ['Ydelse', 'Benefit'],
  assumptions: ['Forudsætninger', 'Assumptions'],
  difference: ['Forskel', 'Difference'],
  weeksCount: ['{weeks} uger', '{weeks} weeks'],
  versions: ['Data version {data}; satser {rates}.', 'Data version {data}; rates {rates}.'],

  // Overview.
  personsByGroup: ['Personer pr. ydelsesgruppe, uge for uge', 'Persons by benefit group, week by week'],
  personsDefinition: [
    'Personer med bopæl i kommunen, der i ugen modtager ydelsen (DREAM), efter ydelsesgruppe. Kun grupper på offentlig forsørgelse; beskæftigede og SU-modtagere indgår ikke.',
    'Persons living in the municipality who receive the benefit in the week (DREAM), by benefit group. Only groups on public income support; persons in work and students on SU are not included.',
  ],
  residents: ['Personer med bopæl i kommunen i ugen.', 'Persons living in the municipality in the week.'],
  fullTimePersons: ['Fuldtidspersoner', 'Full-time persons'],
  fullTimeByYear: ['Fuldtidspersoner pr. år', 'Full-time persons by year'],
  fullTimeDefinition: [
    'Fuldtidspersoner: summen af personer på ydelsen over årets uger med data, divideret med antallet af uger.',
    'Full-time persons: the persons on the benefit summed over the weeks of the year with data, divided by the number of weeks.',
  ],
  shortYearsHidden: [
    'Et år med under 26 ugers data vises ikke.',
    'A year with less than 26 weeks of data is not shown.',
  ],
  flows: ['Tilgang og afgang pr. år (forløb)', 'Inflow and outflow by year (spells)'],
  flowsDefinition: [
    'Tilgang: forløb på en ydelse, der begynder i året (forløb i gang ved datas start tælles ikke). Afgang: forløb, der slutter i året. En person kan have flere forløb.',
    'Inflow: spells on a benefit that begin in the year (spells under way when the data begin are not counted). Outflow: spells that end in the year. A person can have several spells.',
  ],
  inflow: ['Tilgang', 'Inflow'],
  outflow: ['Afgang', 'Outflow'],
  publicSupport: ['Offentlig forsørgelse i alt', 'Public income support, total'],

  // Forecast.
  forecastTitle: ['Prognose {municipality} fra {week}', 'Forecast {municipality} from {week}'],
  forecastLead: [
    'Fra {week}: {persons} personer i bestanden, {inflow} nye pr. uge; {horizon} uger; {engine}; satser {rates}.',
    'From {week}: {persons} persons in the stock, {inflow} new a week; {horizon} weeks; {engine}; rates {rates}.',
  ],
  forecastComputing: [
    'Beregner prognosen: de forventede værdier af kommunens bestand og tilgang, 260 uger frem. Serveren beregner den på forhånd efter start og efter hver indlæsning; kommer du før, venter du på den beregning, der er i gang.',
    "Computing the forecast: the expected values of the municipality's stock and inflow, 260 weeks ahead. The server computes it in advance after it starts and after each import; if you come earlier, you wait for the computation under way.",
  ],
  diagnosticsComputing: [
    'Sammenligner kommunens egne forløb med modellens forudsigelse for dem …',
    "Comparing the municipality's own spells with the model's prediction for them …",
  ],
  backtestComputing: [
    'Backtest: modellen estimeres på data før {week} og fremskriver 104 uger, som sammenlignes med det, der skete. Første gang på nye data tager det op mod et halvt minut.',
    'Backtest: the model is estimated on the data before {week} and projects 104 weeks, compared with what happened. The first time on new data takes up to half a minute.',
  ],
  microsimulationMean: [
    'gennemsnit af {replications} mikrosimulationer med 80 %- og 95 %-intervaller',
    'mean of {replications} microsimulations with 80 % and 95 % intervals',
  ],
  expectedValues: ['forventede værdier', 'expected values'],
  forecastPersons: [
    'Fuldtidspersoner på offentlig forsørgelse',
    'Full-time persons on public income support',
  ],
  forecastTable: ['Prognose fuldtidspersoner', 'Forecast full-time persons'],
  expenditure: ['Udgifter', 'Expenditure'],
  gross: ['Brutto', 'Gross'],
  municipalNet: ['Kommunens nettoudgift', 'Municipal net expenditure'],
  expenditureDefinition: [
    'Brutto: ydelsen pr. uge efter satstabellen gange personer. Kommunens nettoudgift: bruttoudgiften minus statens refusion, plus kommunens medfinansiering af a-dagpenge, efter refusionstrappens trin for hver person.',
    "Gross: the weekly benefit from the rate table times persons. Municipal net expenditure: gross expenditure minus the state's refusion, plus the municipality's co-financing of a-dagpenge, by each person's step on the refusion staircase.",
  ],
  staircase: [
    'Refusionstrappen: kommunens nettoudgift pr. trin',
    'The refusion staircase: municipal net by step',
  ],
  outsideStaircase: ['Uden for trappen', 'Outside the staircase'],
  staircaseStep: ['Uge {weeks} ({share})', 'Weeks {weeks} ({share})'],
  band80: ['80 %-interval', '80 % interval'],
  band95: ['95 %-interval', '95 % interval'],

  // The investment calculator.
  defaultCaseName: [
    'Virksomhedspraktik for kontanthjælpsmodtagere på forhøjet sats i 52+ uger',
    'Work placement for recipients of social assistance (kontanthjælp) at the higher rate for 52+ weeks',
  ],
  target: ['Målgruppe', 'Target group'],
  minWeeks: ['Mindst uger i forløbet', 'At least weeks in the spell'],
  participants: ['Deltagere', 'Participants'],
  targetGroupCounted: ['Målgruppen talt i {stockWeek}', 'The target group counted in {stockWeek}'],
  countingTargetGroup: ['Tæller målgruppen …', 'Counting the target group …'],
  participantsOf: ['af {persons} i målgruppen', 'of {persons} in the target group'],
  participantsOfCounting: ['af … i målgruppen', 'of … in the target group'],
  participantsOfWithheld: ['målgruppen vises ikke', 'group not shown'],
  participantsOfRefused: ['af – i målgruppen', 'of – in the target group'],
  participantsAboveGroup: [
    'Højst {persons}: målgruppen har {persons} personer i {stockWeek}; fandt {found}',
    'At most {persons}: the target group has {persons} persons in {stockWeek}; found {found}',
  ],
  participantsCapped: [
    'Sat ned fra {from} til {to}: målgruppen har {to} personer i {stockWeek}',
    'Brought down from {from} to {to}: the target group has {to} persons in {stockWeek}',
  ],
  effectAs: ['Effekten angives som', 'The effect is given as'],
  effectAsHazard: ['hazard ratio', 'hazard ratio'],
  effectAsPoints: ['procentpoint i job', 'points in work'],
  extraPoints: ['Procentpoint flere i job', 'Percentage points more in work'],
  afterMonths: ['… efter antal måneder', '… after months'],
  pointsAsHazard: [
    'Svarer til hazard ratio {hazardRatio} for denne målgruppe',
    'Equals a hazard ratio of {hazardRatio} for this target group',
  ],
  pointsNoRatio: [
    'Ingen hazard ratio op til 20 giver {points} procentpoint flere i job efter {months} måneder for denne målgruppe: vælg færre procentpoint eller flere måneder',
    'No hazard ratio up to 20 gives {points} percentage points more in work after {months} months for this target group: choose fewer points or more months',
  ],
  benefitEnded: [
    '{found} findes ikke længere: personerne er nu på {expected}. Vælg den gruppe',
    '{found} no longer exists: its persons are now on {expected}. Choose that group',
  ],
  targetEmpty: [
    'Ingen personer i kommunen matcher målgruppen i bestandsugen: vælg færre uger i forløbet eller en anden ydelse',
    'No person in the municipality matches the target group in the stock week: choose fewer weeks on benefit or another benefit',
  ],
  serverRefusedCase: [
    'Serveren afviste beregningen: {message}',
    'The server refused the calculation: {message}',
  ],
  staleResults: [
    'Resultaterne herunder er ikke opdateret: de hører til de sidste gyldige værdier, ikke til felterne, som de står nu. Ret de markerede felter.',
    'The results below are not updated: they belong to the last valid values, not to the fields as they are now. Correct the marked fields.',
  ],
  staleAfterError: [
    'Resultaterne herunder hører til et tidligere input og er ikke opdateret.',
    'The results below belong to earlier input and are not updated.',
  ],
  notComputed: ['ikke beregnet', 'not computed'],
  uncertaintyFailed: [
    'Break-even og sandsynlighed kunne ikke beregnes: {message}',
    'The break-even effect and the probability could not be computed: {message}',
  ],
  costPerParticipant: ['Udgift pr. deltager (kr.)', 'Cost per participant (kr.)'],
  costPerWeek: ['Løbende udgift pr. uge (kr.)', 'Running cost per week (kr.)'],
  costWeeks: ['Løbende udgift i uger', 'Running cost for weeks'],
  effect: ['Effekt (hazard ratio mod job)', 'Effect (hazard ratio towards work)'],
  effectLegend: ['Effekt', 'Effect'],
  lockInWeeks: ['Indlåsning: uger', 'Lock-in: weeks'],
  lockInRatio: ['Indlåsning: hazard ratio', 'Lock-in: hazard ratio'],
  halfLife: ['Halveringstid for effekten (uger, 0 = varig)', 'Half-life of the effect (weeks, 0 = lasting)'],
  horizon: ['Horisont (uger)', 'Horizon (weeks)'],
  discountRate: ['Diskonteringsrente (%)', 'Discount rate (%)'],
  startWeek: ['Start (ÅÅÅÅUU)', 'Start (YYYYWW)'],
  caseName: ['Navn på casen', 'Name of the case'],
  caseAssumption: [
    'Effekt (hazard ratio) {hazardRatio}; {participants} deltagere; horisont {horizon} uger; diskonteringsrente {rate}.',
    'Effect (hazard ratio) {hazardRatio}; {participants} participants; horizon {horizon} weeks; discount rate {rate}.',
  ],
  caseLead: [
    '{persons} personer i målgruppen i {stockWeek}; start {startWeek}; {participants} deltagere.',
    '{persons} persons in the target group in {stockWeek}; start {startWeek}; {participants} participants.',
  ],
  npvInterval80: [
    'Nutidsværdi, 80 %: {low} til {high} ({replications} replikationer).',
    'Net present value, 80 %: {low} to {high} ({replications} replications).',
  ],
  npv: ['Nutidsværdi', 'Net present value'],
  npvGain: ['Nutidsværdi: kommunens nettogevinst', "Net present value: the municipality's net gain"],
  payback: ['Tilbagebetaling', 'Payback'],
  discountedPayback: ['Tilbagebetaling, diskonteret', 'Discounted payback'],
  never: ['ikke inden for horisonten', 'not within the horizon'],
  breakEven: ['Break-even-effekt', 'Break-even effect'],
  breakEvenNone: ['ingen op til 20', 'none up to 20'],
  chosenEffect: ['valgt effekt', 'chosen effect'],
  probability: ['Sandsynlighed for tilbagebetaling', 'Probability of paying back'],
  probabilityFirst: [
    'Foreløbigt skøn ud fra de første {replications} mikrosimulationer; det endelige tal følger.',
    'First estimate from the first {replications} microsimulations; the final figure follows.',
  ],
  movedFullTime: ['Fuldtidspersoner flyttet', 'Full-time persons moved'],
  withIntervention: ['Med indsats', 'With intervention'],
  withoutIntervention: ['Uden indsats', 'Without intervention'],
  netByYear: ['Nettoudgift pr. år', 'Net expenditure by year'],
  cumulative: ['Akkumuleret nettogevinst', 'Cumulative net saving'],
  paybackPoint: ['tilbagebetalt', 'paid back'],
  weeksAxis: ['uger', 'weeks'],
  week: ['uge', 'week'],
  save: ['Gem', 'Save'],
  savedAs: ['Gemt: {name}, version {version}', 'Saved: {name}, version {version}'],
  report: ['Rapport til udvalget (PDF)', 'Report for the council (PDF)'],
  saved: ['Gemte cases', 'Saved cases'],
  version: ['Version', 'Version'],
  savedAt: ['Gemt', 'Saved'],
  savedBy: ['Gemt af', 'Saved by'],
  savedBeforeLogin: ['ukendt (gemt før login)', 'unknown (saved before login)'],
  open: ['Åbn', 'Open'],
  duplicate: ['Kopiér', 'Duplicate'],
  copyOf: ['{name} (kopi)', '{name} (copy)'],
  targetGroupWithheld: [
    'Målgruppen har for få personer til at vise tal for din rolle (diskretionering): vælg en bredere målgruppe, fx færre uger i forløbet eller en anden ydelse.',
    'The target group has too few persons to show figures for your role (suppression): choose a wider target group, e.g. fewer weeks on benefit or another benefit.',
  ],
  targetGroupWithheldHint: [
    'For få personer: antallet vises ikke (diskretionering)',
    'Too few persons: the count is not shown (suppression)',
  ],
  totalsPartial: [
    'Kun de viste ydelsesgrupper er med: udgifterne til grupper med for få personer er skjult (diskretionering), og summen af alle grupper ville afsløre dem.',
    'Only the groups shown are included: the expenditure on groups with too few persons is withheld (suppression), and the sum of all groups would give it away.',
  ],
  personsWithheldCase: [
    'Sagen er lavet på en liste af {n} udvalgte borgere, som din rolle ikke må se; den kan ikke åbnes her.',
    'The case was made on a list of {n} chosen citizens that your role may not see; it cannot be opened here.',
  ],
  compare: ['Sammenlign', 'Compare'],
  planActual: ['Plan mod faktisk', 'Plan against actual'],
  planWaits: [
    'når data rækker ud over starten; de slutter i',
    'once the data reach past the start; they end in',
  ],
  predictedWithout: [
    'Forudsagt uden indsats (fuldtidspersoner)',
    'Predicted without intervention (full-time persons)',
  ],
  predictedWith: ['Forudsagt med indsats', 'Predicted with intervention'],
  actual: ['Faktisk', 'Actual'],
  none: ['Ingen endnu', 'None yet'],
  savedEveryMunicipality: [
    'Vis også de andre kommuners cases ({count})',
    "Show the other municipalities' cases too ({count})",
  ],
  savedNoneHere: ['Ingen gemte cases for {municipality} endnu', 'No saved cases for {municipality} yet'],

  // The fleksjob calculator.
  fleksjobAlternative: ['Alternativ uden fleksjob', 'Alternative without flex job'],
  fleksjobHours: ['Timer pr. uge i fleksjobbet', 'Hours a week in the flex job'],
  fleksjobWage: ['Løn pr. måned for timerne (kr.)', 'Monthly wage for the hours (kr.)'],
  startYear: ['Startår', 'Start year'],
  years: ['År', 'Years'],
  staircaseWeeksAtStart: [
    'Uger på refusionstrappen ved start',
    'Weeks on the refusion staircase at the start',
  ],
  fleksjobTitle: ['Fleksjob-beregning', 'Flex-job calculation'],
  fleksjobNpv: [
    'Nutidsværdi: kommunens nettogevinst ved fleksjob frem for {alternative}',
    "Net present value: the municipality's net gain from flex job rather than {alternative}",
  ],
  breakEvenWage: ['Break-even-løn pr. måned', 'Break-even monthly wage'],
  breakEvenHours: ['Break-even-timer pr. uge', 'Break-even hours a week'],
  municipalNetByYear: ['Kommunens nettoudgift pr. år', 'Municipal net expenditure by year'],
  fleksjobByYear: ['Fleksjob pr. år', 'Flex job by year'],
  flexJob: ['Fleksjob', 'Flex job'],
  fleksjobGross: ['Fleksjob: tilskud og ATP, brutto', 'Flex job: subsidy and ATP, gross'],
  fleksjobState: ['heraf statens refusion og ATP', "of which the state's refusion and ATP"],
  fleksjobMunicipal: ['heraf kommunens nettoudgift', "of which the municipality's net cost"],
  alternativeMunicipal: [
    '{alternative}: kommunens nettoudgift',
    "{alternative}: the municipality's net cost",
  ],
  fleksjobDifference: [
    'Forskel i kommunens nettoudgift (fleksjob minus alternativ)',
    "Difference in the municipality's net cost (flex job minus alternative)",
  ],
  fleksjobPartsNote: [
    'Fleksløntilskud og ATP-bidrag i alt (brutto) er statens del plus kommunens nettoudgift: staten refunderer tilskuddet ned ad refusionstrappen og betaler ATP-bidraget fuldt ud. En negativ forskel betyder, at fleksjob koster kommunen mindre; nutidsværdien er kommunens gevinst, positiv når fleksjob koster mindre, som i investeringsberegneren.',
    "The flex-job wage subsidy and ATP contribution in all (gross) are the state's part plus the municipality's net cost: the state refunds the subsidy down the refusion staircase and pays the ATP contribution in full. A negative difference means flex job costs the municipality less; the net present value is the municipality's gain, positive when flex job costs less, as in the investment calculator.",
  ],

  // Model check.
  backtest: ['Backtest', 'Backtest'],
  survivalTitle: [
    'Andel stadig på ydelsen efter antal uger i {municipality}: observeret og forudsagt',
    'Share still on the benefit by weeks in the spell in {municipality}: observed and predicted',
  ],
  survivalCurves: ['Overlevelseskurver', 'Survival curves'],
  weeksInSpell: ['uger i forløbet', 'weeks in the spell'],
  observedOwn: [
    'Observeret (Kaplan-Meier, kommunens forløb)',
    "Observed (Kaplan-Meier, the municipality's spells)",
  ],
  observedLimits: ['95 %-konfidensinterval', '95 % confidence interval'],
  predictedOwn: ['Forudsagt af modellen for de samme forløb', 'Predicted by the model for the same spells'],
  survivalDefinition: [
    'Observeret: Kaplan-Meier-kurven for de forløb, der begyndte, mens personen boede i {municipality} ({spells} forløb, {moves} afgange; forløb, der stadig er i gang ved datas slut, tæller som censurerede). Forudsagt: modellen, estimeret på alle kommuner med en faktor for {municipality}, anvendt på præcis de samme forløbsuger, så sammensætningen (alder, køn, herkomst, tidligere forsørgelse, kalendertid) er kommunens egen. Kurven slutter, hvor ingen forløb længere er i risiko.',
    "Observed: the Kaplan-Meier curve of the spells that began while the person lived in {municipality} ({spells} spells, {moves} exits; spells still running when the data end count as censored). Predicted: the model, estimated on every municipality with a factor for {municipality}, applied to exactly the same spell weeks, so that the composition (age, sex, origin, prior support, calendar time) is the municipality's own. The curve ends where no spell is at risk any more.",
  ],
  survivalWithheld: [
    'For få forløb i denne gruppe til at vise kurverne for din rolle (diskretionering).',
    'Too few spells in this group to show the curves for your role (suppression).',
  ],
  survivalCut: [
    'Den observerede kurve slutter, hvor færre end {threshold} forløb er i risiko (diskretionering).',
    'The observed curve ends where fewer than {threshold} spells are at risk (suppression).',
  ],
  noSpells: ['Kommunen har ingen forløb at vise.', 'The municipality has no spells to show.'],
  modelVersions: ['Model {model}, data version {data}.', 'Model {model}, data version {data}.'],
  backtestTitle: [
    'Backtest fra {week}: fuldtidspersoner forudsagt og faktisk',
    'Backtest from {week}: full-time persons predicted and actual',
  ],
  backtestDefinition: [
    'Modellen estimeres alene på data til og med ugen, bestanden i ugen fremskrives, og resultatet sammenlignes med, hvad der faktisk skete de næste 52 og 104 uger. Fejl = forudsagt / faktisk − 1.',
    'The model is estimated on the data up to and including the week alone, the stock in the week is projected, and the result is compared with what actually happened in the next 52 and 104 weeks. Error = predicted / actual − 1.',
  ],
  predictedAfter: ['Forudsagt, {weeks} uger', 'Predicted, {weeks} weeks'],
  actualAfter: ['Faktisk, {weeks} uger', 'Actual, {weeks} weeks'],
  errorAfter: ['Fejl, {weeks} uger (%)', 'Error, {weeks} weeks (%)'],
  benefitGroups: ['{groups} ydelsesgrupper.', '{groups} benefit groups.'],

  // Logging in, who is logged in, and the administrator's pages.
  login: ['Log ind', 'Log in'],
  logout: ['Log ud', 'Log out'],
  username: ['Brugernavn', 'Username'],
  password: ['Adgangskode', 'Password'],
  loginLead: [
    'jobinvest viser registerdata om borgere. Log ind med din bruger; hvad du ser, afhænger af din rolle og dine kommuner.',
    'jobinvest shows register data about citizens. Log in with your user; what you see depends on your role and your municipalities.',
  ],
  loginOidc: ['Log ind via kommunens login', "Log in with the municipality's login"],
  loginFailed: ['Login mislykkedes', 'Login failed'],
  demoUsers: ['Demobrugere', 'Demo users'],
  demoNote: [
    'Data i denne database er syntetiske demodata: ingen af personerne findes. Prøv hver rolle med brugerne herunder.',
    'The data in this store are synthetic demo data: none of the persons exist. Try each role with the users below.',
  ],
  logInAs: ['Log ind som {username}', 'Log in as {username}'],
  demoBanner: [
    'Demodata: syntetiske personer, ikke rigtige borgere.',
    'Demo data: synthetic persons, not real citizens.',
  ],
  demoBannerMore: [
    'Alle tal er beregnet på en genereret befolkning; brug dem ikke som kommunens egne.',
    "Every figure is computed on a generated population; do not use them as the municipality's own.",
  ],
  noUsersYet: [
    'Databasen har endnu ingen brugere. Den første bruger er administratoren; opret den på serveren med:',
    'The store has no users yet. The first user is the administrator; create it on the server with:',
  ],
  loggedInAs: ['Logget ind som {username} ({role})', 'Logged in as {username} ({role})'],
  role: ['Rolle', 'Role'],
  role_admin: ['administrator', 'administrator'],
  role_analyst: ['analytiker', 'analyst'],
  role_economist: ['økonom', 'economist'],
  role_manager: ['leder', 'manager'],
  role_caseworker: ['sagsbehandler', 'caseworker'],
  role_viewer: ['læser', 'viewer'],
  notAllowed: ['Din rolle giver ikke adgang til denne side.', 'Your role gives no access to this page.'],
  withheldNote: [
    '{withheld} tal hviler på færre end {threshold} personer og vises som "<{threshold}" (diskretionering). En total med skjulte dele vises som "≥" summen af de viste.',
    '{withheld} figures rest on fewer than {threshold} persons and are shown as "<{threshold}" (suppression). A total with withheld parts is shown as "≥" the sum of those shown.',
  ],
  audit: ['Audit-log', 'Audit trail'],
  auditLead: [
    'Hver indgang bærer hashen af den forrige, så en rettet eller slettet række viser sig ved kontrollen.',
    'Each entry carries the hash of the one before, so an edited or deleted row shows in the check.',
  ],
  auditSince: ['Fra dato', 'From date'],
  auditAction: ['Handling', 'Action'],
  auditResource: ['Genstand', 'Resource'],
  auditPersons: ['Personer (pseudonymer)', 'Persons (pseudonyms)'],
  auditAt: ['Tidspunkt', 'Time'],
  auditFilter: ['Vis', 'Show'],
  auditVerify: ['Kontrollér kæden', 'Verify the chain'],
  auditIntact: ['Kæden er hel: {entries} indgange.', 'The chain is intact: {entries} entries.'],
  auditBroken: ['Kæden er brudt:', 'The chain is broken:'],
  auditEntries: ['{count} indgange (de nyeste først).', '{count} entries (newest first).'],
  users: ['Brugere', 'Users'],
  usersLead: [
    'Lokale brugere logger ind med adgangskode; brugere fra kommunens login oprettes ved første login.',
    "Local users log in with a password; users of the municipality's login are added at their first login.",
  ],
  municipalitiesField: [
    'Kommuner (koder, fx 101, 825; tom = alle)',
    'Municipalities (codes, e.g. 101, 825; empty = all)',
  ],
  passwordTooShort: [
    'Adgangskode: mindst {n} tegn; den indtastede har {found}',
    'Password: at least {n} characters; the one typed has {found}',
  ],
  municipalitiesInvalid: [
    'Kommuner: forventede kommunekoder på tre cifre adskilt af komma, fx 101, 825; fandt "{found}"',
    'Municipalities: expected three-digit municipality codes separated by commas, e.g. 101, 825; found "{found}"',
  ],
  caseworkerId: ['Sagsbehandler-id', 'Caseworker id'],
  caseworkerField: ['Sagsbehandler-id (kun sagsbehandlere)', 'Caseworker id (caseworkers only)'],
  addUser: ['Opret bruger', 'Add user'],
  userAdded: ['{username} er oprettet.', '{username} has been added.'],
  disable: ['Spær', 'Disable'],
  disabled: ['spærret', 'disabled'],
  allMunicipalities: ['alle', 'all'],
  userKind: ['Login', 'Login'],
  userLocal: ['adgangskode', 'password'],
  userOidc: ['kommunens login', "municipality's login"],

  // What went wrong between the app and the server.
  serverSilent: [
    'Serveren svarede ikke. Kører jobinvest serve stadig?',
    'The server did not answer. Is jobinvest serve still running?',
  ],
  serverNotJson: [
    'Serveren svarede {status} med noget andet end JSON.',
    'The server answered {status} with something other than JSON.',
  ],
  serverStatus: ['Serveren svarede {status}.', 'The server answered {status}.'],

  // The forecast's bands and its expenditure by benefit group.
  bandsPending: [
    'Viser de forventede værdier. 80 %- og 95 %-intervallerne beregnes nu i baggrunden ud fra {replications} mikrosimulationer og vises her, så snart de er klar; tallene bliver da gennemsnittet af de samme simulationer.',
    'Showing the expected values. The 80 % and 95 % intervals are being computed in the background from {replications} microsimulations and appear here as soon as they are ready; the figures then become the mean of the same simulations.',
  ],
  bandsFailed: ['Intervallerne kunne ikke beregnes: {error}', 'The intervals could not be computed: {error}'],
  bandsDefinition: [
    'Linjen og intervallerne kommer fra de samme {replications} mikrosimulationer: linjen er deres gennemsnit, intervallerne de midterste 80 % og 95 % af dem. Med få personer i en gruppe er fordelingen skæv (de fleste simulationer har 0 personer, nogle få 1 eller 2), og gennemsnittet kan da ligge uden for 80 %-intervallet; 95 %-intervallet er udvidet, så det altid rummer gennemsnittet.',
    'The line and the intervals come from the same {replications} microsimulations: the line is their mean, the intervals the middle 80 % and 95 % of them. With few persons in a group the distribution is skewed (most simulations have 0 persons, a few 1 or 2), and the mean can then lie outside the 80 % interval; the 95 % interval is widened so that it always holds the mean.',
  ],
  forecastPersonsByGroup: ['Fuldtidspersoner pr. ydelse', 'Full-time persons by benefit group'],
  wageSubsidisedNote: [
    'Fleksjob er støttet beskæftigelse, ikke offentlig forsørgelse: vist under summen og ikke talt med i den.',
    'Flex jobs are subsidised employment, not public income support: shown below the total and not counted in it.',
  ],
  expenditureByGroup: ['Udgifter pr. ydelse', 'Expenditure by benefit group'],
  expenditureTable: ['Udgifter pr. ydelse {year}', 'Expenditure by benefit group {year}'],
  expenditurePrices: [
    'Kroner i {year} efter satstabellen {rates}. Kolonnen Prisår viser, i hvilket års priser hver ydelses beløb er: satser reguleres frem til {year} med satsreguleringen; står der et tidligere år, er satsen brugt uden regulering (se forudsætningerne).',
    "Kroner in {year} by the rate table {rates}. The column Price year shows the year whose prices each benefit's amount is in: rates are regulated forward to {year} by the satsregulering; where it shows an earlier year, the rate is used unregulated (see the assumptions).",
  ],
  stateRefusion: ['Statsrefusion (kr.)', 'State refusion (kr.)'],
  cofinancing: ['Kommunal medfinansiering (kr.)', 'Municipal co-financing (kr.)'],
  grossKr: ['Brutto (kr.)', 'Gross (kr.)'],
  municipalNetKr: ['Kommunens nettoudgift (kr.)', 'Municipal net expenditure (kr.)'],
  rateYear: ['Prisår', 'Price year'],
  allGroups: ['I alt', 'Total'],
} as const;

export type Word = keyof typeof WORDS;

export type WordValues = Readonly<Record<string, string | number>>;

/** The words in `language`, with `values` put into their `{name}` places. */
export function wordsIn(language: Language): (word: Word, values?: WordValues) => string {
  const index = language === 'da' ? 0 : 1;
  return (word, values) =>
    WORDS[word][index].replace(/\{(\w+)\}/g, (place, name: string) => String(values?.[name] ?? place));
}
