/** A saved case's plan against what happened since: persons moved by year, predicted and realised. */

import { useState } from 'react';
import { getJson, type PlanVsActual, type SavedCaseSummary } from '../../api.ts';
import { useWords } from '../../i18n.tsx';
import { DataTable } from '../../ui/Table.tsx';

type PlanAnswer =
  | { name: string; state: 'computing' }
  | { name: string; state: 'error'; message: string }
  | { name: string; state: 'done'; value: PlanVsActual };

/** The plan against actual last asked for (none yet: null), and how to ask for a saved case's. */
export function usePlanAgainstActual() {
  const [plan, setPlan] = useState<PlanAnswer | null>(null);
  const planAgainstActual = async (c: SavedCaseSummary) => {
    setPlan({ name: c.name, state: 'computing' });
    try {
      setPlan({
        name: c.name,
        state: 'done',
        value: await getJson<PlanVsActual>(`/api/cases/${c.caseId}/plan-vs-actual`),
      });
    } catch (error) {
      setPlan({
        name: c.name,
        state: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  return { plan, planAgainstActual };
}

/** The plan against actual last asked for: being computed, its error, or the table by year. */
export function PlanAgainstActual({ plan }: { plan: PlanAnswer }) {
  const words = useWords();
  return (
    <div className="plan">
      <h3>
        {words('planActual')}: {plan.name}
      </h3>
      {plan.state === 'computing' && <p className="status computing">{words('computing')}</p>}
      {plan.state === 'error' && (
        <p className="status error" role="alert">
          {plan.message}
        </p>
      )}
      {plan.state === 'done' && (
        <DataTable
          name="plan-vs-actual"
          title={words('planActual')}
          columns={[
            { key: 'year', header: words('year') },
            { key: 'predictedWithout', header: words('predictedWithout'), numeric: true, decimals: 1 },
            { key: 'predictedWith', header: words('predictedWith'), numeric: true, decimals: 1 },
            { key: 'realised', header: words('actual'), numeric: true, decimals: 1 },
          ]}
          rows={plan.value.years.map((y) => ({
            year: String(y.year),
            predictedWithout: y.predictedWithout,
            predictedWith: y.predictedWith,
            realised: y.realised,
          }))}
        />
      )}
    </div>
  );
}
