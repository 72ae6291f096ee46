/**
 * The investment case document (Jobinvestering), version 1, as the CLI (`jobinvest invest --case`)
 * and `POST /api/invest` take it. Codes are the benefit catalogue's (`jobinvest benefits`);
 * the municipality is a code in the store. Fields beyond the contract's minimum are optional.
 */

import { BENEFIT_CODES } from '@jobinvest/core';
import { z } from '@hono/zod-openapi';
import { computable } from '../http/bounds.ts';

/** The longest horizon of a case: ten years. */
export const MAX_HORIZON_WEEKS = 520;

const yyyyww = z
  .union([z.string(), z.number()])
  .transform((v) => String(v))
  .refine((v) => /^\d{4}(0[1-9]|[1-4]\d|5[0-3])$/.test(v), {
    message: 'expected a week as YYYYWW, e.g. 202601',
  });

const state = z.enum(BENEFIT_CODES);

const caseMunicipality = z.union([
  z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code'),
  z.number().int(),
]);

const caseTarget = z
  .object({
    benefit: state.optional(),
    minWeeks: z.number().int().min(1).optional(),
    maxWeeks: z.number().int().min(1).optional(),
    minAge: z.number().int().min(16).max(66).optional(),
    maxAge: z.number().int().min(16).max(66).optional(),
    persons: z.array(z.string().min(1)).min(1).max(100_000).optional(),
  })
  .strict();

/** What picks a case's target group: `POST /api/invest/target-group` says how many persons it has. */
export const TargetGroupRequestSchema = z
  .object({ municipality: caseMunicipality, startWeek: yyyyww, target: caseTarget })
  .openapi('TargetGroupRequest');

export const InvestmentCaseSchema = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().min(1).max(200),
    municipality: caseMunicipality,
    target: caseTarget,
    // At most the persons of the target group, checked against the data (cases.ts, 422).
    participants: z.number().positive(),
    startWeek: yyyyww,
    cost: z
      .object({
        perParticipant: computable(z.number().min(0), { max: 1e9 }, 'kr per participant').optional(),
        perWeek: computable(z.number().min(0), { max: 1e8 }, 'kr per participant and week').optional(),
        weeks: z.number().int().min(0).max(520).optional(),
      })
      .strict(),
    effect: z
      .object({
        hazardRatio: z.number().positive().max(1000).optional(),
        extraPointsInWork: z
          .object({ points: z.number().min(-100).max(100), afterMonths: z.number().positive().max(120) })
          .strict()
          .optional(),
        to: z.array(state).min(1).optional(),
        lockIn: z
          .object({ weeks: z.number().int().min(0).max(260), hazardRatio: z.number().positive() })
          .strict()
          .optional(),
        phaseInWeeks: z.number().int().min(0).max(260).optional(),
        halfLifeWeeks: z.number().positive().nullable().optional(),
        relapseHazardRatio: z.number().positive().optional(),
      })
      .strict()
      .refine((e) => (e.hazardRatio === undefined) !== (e.extraPointsInWork === undefined), {
        message: 'give either hazardRatio or extraPointsInWork',
      }),
    horizonWeeks: z.number().int().min(1).max(MAX_HORIZON_WEEKS).default(260),
    // Near −1 the discount factors of a long horizon are beyond any sensible figure (1e93 at −0.999999999).
    discountRate: computable(z.number().gt(-1).max(1), { min: -0.5 }, 'a year').default(0.035),
    ownCostPerYear: z
      .partialRecord(state, computable(z.number().min(0), { max: 1e9 }, 'kr per full-time person and year'))
      .optional(),
    rateTable: z.string().optional(),
    replications: z.number().int().min(0).max(1000).optional(),
    breakEven: z.boolean().optional().openapi({
      description: 'Search for the break-even effect (default true); false answers faster, with null',
    }),
    seed: z.number().int().min(0).optional(),
  })
  .strict()
  .refine(
    (c) =>
      c.target.minWeeks === undefined ||
      c.target.maxWeeks === undefined ||
      c.target.minWeeks <= c.target.maxWeeks,
    {
      message: 'target.minWeeks must not exceed target.maxWeeks',
      path: ['target'],
    },
  );

export type InvestmentCaseDocument = z.output<typeof InvestmentCaseSchema>;

/** Parse a case, with every problem as "field: message". */
export function parseCase(
  input: unknown,
): { ok: true; value: InvestmentCaseDocument } | { ok: false; problems: string[] } {
  const result = InvestmentCaseSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${i.path.join('.') || '(case)'}: ${i.message}`),
  };
}
