/** The case's controls: the target group, the expenditure, the effect and the present value's terms. */

import type { CaseDocument } from '../../api.ts';
import { useCatalogue, useStateName } from '../../catalogue.tsx';
import { formatNumber, formatWeeks, formatYyyyww } from '../../format.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { NumberField } from '../../ui/NumberField.tsx';

/** The size of the case's target group, once the server has counted it. */
export interface GroupSize {
  /** null: withheld from the caller's role (fewer persons than the suppression threshold). */
  readonly persons: number | null;
  readonly stockWeek: number;
  readonly suppressed: boolean;
}

export function CaseForm({
  doc,
  group,
  onChange,
}: {
  doc: CaseDocument;
  group: GroupSize | null;
  onChange: (d: CaseDocument) => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const catalogue = useCatalogue();
  const name = useStateName();
  const benefits = [...catalogue.values()].filter((b) => b.publicSupport);
  const hr = doc.effect.hazardRatio ?? 1;
  return (
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
        </label>
        <NumberField
          name="minWeeks"
          label={words('minWeeks')}
          value={doc.target.minWeeks ?? 1}
          min={1}
          max={520}
          onChange={(v) => onChange({ ...doc, target: { ...doc.target, minWeeks: v } })}
        />
        <NumberField
          name="participants"
          label={words('participants')}
          value={doc.participants}
          min={1}
          max={group?.persons ?? 100000}
          hint={
            group?.persons === null
              ? words('targetGroupWithheldHint')
              : group
                ? words('targetGroupSize', {
                    persons: formatNumber(group.persons),
                    stockWeek: formatYyyyww(group.stockWeek, language),
                  })
                : words('countingTargetGroup')
          }
          onChange={(v) => onChange({ ...doc, participants: v })}
        />
        <label className="field">
          <span>{words('startWeek')}</span>
          <input
            type="text"
            name="startWeek"
            value={doc.startWeek}
            pattern="\d{6}"
            onChange={(e) =>
              /^\d{4}(0[1-9]|[1-4]\d|5[0-3])$/.test(e.target.value) &&
              onChange({ ...doc, startWeek: e.target.value })
            }
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>{words('expenditure')}</legend>
        <NumberField
          name="perParticipant"
          label={words('costPerParticipant')}
          value={doc.cost.perParticipant ?? 0}
          min={0}
          onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, perParticipant: v } })}
        />
        <NumberField
          name="perWeek"
          label={words('costPerWeek')}
          value={doc.cost.perWeek ?? 0}
          min={0}
          onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, perWeek: v } })}
        />
        <NumberField
          name="costWeeks"
          label={words('costWeeks')}
          value={doc.cost.weeks ?? 0}
          min={0}
          max={520}
          onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, weeks: v } })}
        />
      </fieldset>
      <fieldset>
        <legend>{words('effect')}</legend>
        <label className="field">
          <span>
            {words('effect')}: <output name="hazardRatioShown">{formatNumber(hr, 2)}</output>
          </span>
          <input
            type="range"
            name="hazardRatio"
            min={0.8}
            max={3}
            step={0.01}
            value={hr}
            onChange={(e) =>
              onChange({ ...doc, effect: { ...doc.effect, hazardRatio: Number(e.target.value) } })
            }
          />
        </label>
        <NumberField
          name="lockInWeeks"
          label={words('lockInWeeks')}
          value={doc.effect.lockIn?.weeks ?? 0}
          min={0}
          max={260}
          onChange={(v) =>
            onChange({
              ...doc,
              effect: {
                ...doc.effect,
                lockIn: v > 0 ? { weeks: v, hazardRatio: doc.effect.lockIn?.hazardRatio ?? 0.7 } : undefined,
              },
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
            onChange={(v) =>
              onChange({
                ...doc,
                effect: { ...doc.effect, lockIn: { weeks: doc.effect.lockIn!.weeks, hazardRatio: v } },
              })
            }
          />
        )}
        <NumberField
          name="halfLife"
          label={words('halfLife')}
          value={doc.effect.halfLifeWeeks ?? 0}
          min={0}
          max={1040}
          onChange={(v) => onChange({ ...doc, effect: { ...doc.effect, halfLifeWeeks: v > 0 ? v : null } })}
        />
      </fieldset>
      <fieldset>
        <legend>{words('npv')}</legend>
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
          value={Math.round(doc.discountRate * 1000) / 10}
          min={0}
          max={20}
          onChange={(v) => onChange({ ...doc, discountRate: v / 100 })}
        />
      </fieldset>
    </form>
  );
}
