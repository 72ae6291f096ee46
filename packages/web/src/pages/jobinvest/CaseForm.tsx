/** The case's controls: the target group, the expenditure, the effect and the present value's terms. */

import type { CaseDocument } from '../../api.ts';
import { useCatalogue, useStateName } from '../../catalogue.tsx';
import { formatNumber, formatWeeks, formatYyyyww } from '../../format.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import type { WeekRange } from '../../ui/danish-input.ts';
import { FieldProblemsProvider, NumberField, WeekField, type ReportProblem } from '../../ui/NumberField.tsx';

/** The size of the case's target group, once the server has counted it. */
export interface GroupSize {
  /** null: withheld from the caller's role (fewer persons than the suppression threshold). */
  readonly persons: number | null;
  readonly stockWeek: number;
  readonly suppressed: boolean;
  /** The weeks a case may start in (YYYYWW), as the server allows them (absent from an older server). */
  readonly startWeeks?: WeekRange;
}

/** The effect given as percentage points more in work, until the person sets their own. */
const DEFAULT_EXTRA_POINTS = { points: 5, afterMonths: 12 };

export function CaseForm({
  doc,
  group,
  groupRefused,
  capped,
  startRange,
  startRangeText,
  problems,
  convertedHazardRatio,
  onProblem,
  onChange,
}: {
  doc: CaseDocument;
  group: GroupSize | null;
  /** The server refused to count the group (an empty group, a start it does not take). */
  groupRefused: boolean;
  /** The participants the group brought down (from → to), while they stay there. */
  capped: { from: number; to: number } | null;
  /** The weeks the case may start in (null until the data's weeks are known). */
  startRange: WeekRange | null;
  startRangeText?: string;
  /** What the server refused, by field (the inputs' names). */
  problems: Readonly<Record<string, string>>;
  /** The hazard ratio the server converted the extra points to, for the case as it is. */
  convertedHazardRatio: number | null;
  /** Each field's refused text (or null once taken). */
  onProblem: ReportProblem;
  onChange: (d: CaseDocument) => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const catalogue = useCatalogue();
  const name = useStateName();
  // The groups in force: a group merged into another (uddannelseshjælp into kontanthjælp, 2025)
  // has no persons of its own at any start; the case's own group stays listed if it is one.
  const benefits = [...catalogue.values()].filter(
    (b) => b.publicSupport && (b.validTo == null || b.code === doc.target.benefit),
  );
  const { hazardRatio, extraPointsInWork, ...effect } = doc.effect;
  const hr = hazardRatio ?? convertedHazardRatio ?? 1;
  const byPoints = extraPointsInWork !== undefined;
  const setEffect = (patch: Partial<CaseDocument['effect']>) =>
    onChange({ ...doc, effect: { ...doc.effect, ...patch } });
  // The most months after the start the horizon reaches.
  const horizonMonths = Math.floor((doc.horizonWeeks * 12) / 52);
  const stockWeek = group ? formatYyyyww(group.stockWeek, language) : '';
  return (
    <FieldProblemsProvider value={onProblem}>
      <form className="case-form" onSubmit={(e) => e.preventDefault()} aria-label={words('invest')}>
        <label className="field">
          <span>{words('caseName')}</span>
          <input
            type="text"
            name="name"
            value={doc.name}
            onChange={(e) => onChange({ ...doc, name: e.target.value || ' ' })}
          />
        </label>
        <fieldset>
          <legend>{words('target')}</legend>
          <label className="field">
            <span>{words('benefit')}</span>
            <select
              name="benefit"
              value={doc.target.benefit}
              onChange={(e) => onChange({ ...doc, target: { ...doc.target, benefit: e.target.value } })}
            >
              {benefits.map((b) => (
                <option key={b.code} value={b.code}>
                  {name(b.code)}
                </option>
              ))}
            </select>
            {problems.benefit && (
              <span className="invalid" data-field-problem="benefit">
                {problems.benefit}
              </span>
            )}
          </label>
          <div className="pair">
            <NumberField
              name="minWeeks"
              label={words('minWeeks')}
              value={doc.target.minWeeks ?? 1}
              integer
              min={1}
              max={520}
              problem={problems.minWeeks}
              onChange={(v) => onChange({ ...doc, target: { ...doc.target, minWeeks: v } })}
            />
            <WeekField
              name="startWeek"
              label={words('startWeek')}
              value={doc.startWeek}
              range={startRange}
              {...(startRangeText ? { rangeText: startRangeText } : {})}
              problem={problems.startWeek}
              onChange={(startWeek) => onChange({ ...doc, startWeek })}
            />
          </div>
          <NumberField
            name="participants"
            label={words('participants')}
            value={doc.participants}
            integer
            min={1}
            {...(group?.persons != null ? { max: group.persons } : {})}
            aboveMax={(found) =>
              words('participantsAboveGroup', {
                persons: formatNumber(group?.persons ?? 0),
                stockWeek,
                found,
              })
            }
            problem={problems.participants}
            suffix={
              groupRefused
                ? words('participantsOfRefused')
                : group === null
                  ? words('participantsOfCounting')
                  : group.persons === null
                    ? words('participantsOfWithheld')
                    : words('participantsOf', { persons: formatNumber(group.persons) })
            }
            hint={
              groupRefused
                ? undefined
                : group?.persons === null
                  ? words('targetGroupWithheldHint')
                  : group
                    ? capped && capped.to === doc.participants
                      ? words('participantsCapped', {
                          from: formatNumber(capped.from),
                          to: formatNumber(capped.to),
                          stockWeek,
                        })
                      : words('targetGroupCounted', { stockWeek })
                    : words('countingTargetGroup')
            }
            onChange={(v) => onChange({ ...doc, participants: v })}
          />
        </fieldset>
        <fieldset>
          <legend>{words('expenditure')}</legend>
          <NumberField
            name="perParticipant"
            label={words('costPerParticipant')}
            value={doc.cost.perParticipant ?? 0}
            unit="kr."
            min={0}
            max={1e9}
            onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, perParticipant: v } })}
          />
          <div className="pair">
            <NumberField
              name="perWeek"
              label={words('costPerWeek')}
              value={doc.cost.perWeek ?? 0}
              unit="kr."
              min={0}
              max={1e8}
              onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, perWeek: v } })}
            />
            <NumberField
              name="costWeeks"
              label={words('costWeeks')}
              value={doc.cost.weeks ?? 0}
              integer
              min={0}
              max={520}
              onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, weeks: v } })}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{words('effectLegend')}</legend>
          <div className="choice" role="radiogroup" aria-label={words('effectAs')}>
            <label>
              <input
                type="radio"
                name="effectKind"
                value="hazardRatio"
                checked={!byPoints}
                onChange={() => onChange({ ...doc, effect: { ...effect, hazardRatio: round2(hr) } })}
              />
              {words('effectAsHazard')}
              {!byPoints && (
                <>
                  : <output name="hazardRatioShown">{formatNumber(hr, 2)}</output>
                </>
              )}
            </label>
            <label>
              <input
                type="radio"
                name="effectKind"
                value="extraPoints"
                checked={byPoints}
                onChange={() =>
                  onChange({
                    ...doc,
                    effect: {
                      ...effect,
                      extraPointsInWork: {
                        ...DEFAULT_EXTRA_POINTS,
                        afterMonths: Math.min(DEFAULT_EXTRA_POINTS.afterMonths, horizonMonths),
                      },
                    },
                  })
                }
              />
              {words('effectAsPoints')}
            </label>
          </div>
          {byPoints ? (
            <>
              <div className="pair">
                <NumberField
                  name="extraPoints"
                  label={words('extraPoints')}
                  value={extraPointsInWork.points}
                  unit="%"
                  min={-100}
                  max={100}
                  problem={problems.extraPoints}
                  onChange={(points) =>
                    onChange({
                      ...doc,
                      effect: { ...effect, extraPointsInWork: { ...extraPointsInWork, points } },
                    })
                  }
                />
                <NumberField
                  name="afterMonths"
                  label={words('afterMonths')}
                  value={extraPointsInWork.afterMonths}
                  min={1}
                  max={horizonMonths}
                  problem={problems.afterMonths}
                  onChange={(afterMonths) =>
                    onChange({
                      ...doc,
                      effect: { ...effect, extraPointsInWork: { ...extraPointsInWork, afterMonths } },
                    })
                  }
                />
              </div>
              <p className="hint" data-converted-hazard-ratio>
                {convertedHazardRatio === null
                  ? '…'
                  : words('pointsAsHazard', { hazardRatio: formatNumber(convertedHazardRatio, 2) })}
              </p>
            </>
          ) : (
            <input
              type="range"
              className="effect-slider"
              name="hazardRatio"
              aria-label={words('effect')}
              min={0.8}
              max={3}
              step={0.01}
              value={hr}
              onChange={(e) => setEffect({ hazardRatio: Number(e.target.value) })}
            />
          )}
          <div className="pair">
            <NumberField
              name="lockInWeeks"
              label={words('lockInWeeks')}
              value={doc.effect.lockIn?.weeks ?? 0}
              integer
              min={0}
              max={260}
              onChange={(v) =>
                setEffect({
                  lockIn:
                    v > 0 ? { weeks: v, hazardRatio: doc.effect.lockIn?.hazardRatio ?? 0.7 } : undefined,
                })
              }
            />
            {doc.effect.lockIn && (
              <NumberField
                name="lockInRatio"
                label={words('lockInRatio')}
                value={doc.effect.lockIn.hazardRatio}
                min={0.05}
                max={2}
                onChange={(v) => setEffect({ lockIn: { weeks: doc.effect.lockIn!.weeks, hazardRatio: v } })}
              />
            )}
          </div>
          <NumberField
            name="halfLife"
            label={words('halfLife')}
            value={doc.effect.halfLifeWeeks ?? 0}
            min={0}
            max={1040}
            onChange={(v) => setEffect({ halfLifeWeeks: v > 0 ? v : null })}
          />
        </fieldset>
        <fieldset>
          <legend>{words('npv')}</legend>
          <div className="pair">
            <label className="field">
              <span>{words('horizon')}</span>
              <select
                name="horizonWeeks"
                value={doc.horizonWeeks}
                onChange={(e) => onChange({ ...doc, horizonWeeks: Number(e.target.value) })}
              >
                {[52, 104, 156, 260, 520].map((w) => (
                  <option key={w} value={w}>
                    {w} ({formatWeeks(w, language)})
                  </option>
                ))}
              </select>
            </label>
            <NumberField
              name="discountRate"
              label={words('discountRate')}
              value={Math.round(doc.discountRate * 1e6) / 1e4}
              unit="%"
              min={0}
              max={20}
              onChange={(v) => onChange({ ...doc, discountRate: Math.round(v * 1e4) / 1e6 })}
            />
          </div>
        </fieldset>
      </form>
    </FieldProblemsProvider>
  );
}

/** A converted hazard ratio on the slider's steps (0.01). */
const round2 = (v: number) => Math.round(v * 100) / 100;
