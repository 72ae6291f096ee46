/**
 * One-time links for the citizen's part of a measurement, answered on the citizen's own phone without
 * an account. The link carries a random 32-byte token (base64url); the store keeps only its SHA-256,
 * so a copy of the store opens no link. A link lasts `hours` (default 72) and is used once: the
 * second answer, and any after expiry, is refused with 410; a token the store never issued is 404.
 * Opening the link shows the citizen's part of the questionnaire and nothing about the person. A new
 * link for the same measurement closes the one before it.
 */

import { createHash, randomBytes } from 'node:crypto';
import {
  SEARCH_CHANNELS,
  type Answers,
  type CitizenLinkQuestionnaire,
  type SearchChannel,
} from '@jobinvest/core';
import { HTTPException } from 'hono/http-exception';
import { DataError, rows, type Store } from '../data/index.ts';
import { checkAnswers, checkChannels, writeAnswers } from './measurements.ts';
import { questionnaireOf } from './questionnaires.ts';

export const DEFAULT_LINK_HOURS = 72;
export const MAX_LINK_HOURS = 24 * 14;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedLink {
  readonly url: string;
  readonly token: string;
  readonly expiresAt: string;
}

/** Issue a link to measurement `id` (a draft: the citizen's part is still to be answered). */
export async function issueLink(
  store: Store,
  id: number,
  language: 'da' | 'en',
  hours: number,
  createdBy: string,
  nowMs: number,
): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresMs = nowMs + hours * 3600_000;
  await store.transaction(async (c) => {
    const [head] = await rows<{ status: string }>(
      c,
      'SELECT status FROM measurements WHERE measurement_id = $1',
      [id],
    );
    if (head?.status !== 'draft')
      throw new DataError(`measurement ${id} is final: a link is for the citizen's part of a draft`, {
        code: 'measurement-final',
      });
    await c.run(
      `UPDATE citizen_links SET expires_at = make_timestamp($2::BIGINT * 1000)
       WHERE measurement_id = $1 AND used_at IS NULL AND expires_at > make_timestamp($2::BIGINT * 1000)`,
      [id, nowMs],
    );
    await c.run(
      `INSERT INTO citizen_links VALUES ($1, $2, $3, make_timestamp($4::BIGINT * 1000), NULL, $5, make_timestamp($6::BIGINT * 1000))`,
      [hashOf(token), id, language, expiresMs, createdBy, nowMs],
    );
  });
  return { url: `/#/borger/${token}`, token, expiresAt: new Date(expiresMs).toISOString() };
}

interface LinkRow extends Record<string, unknown> {
  id: number;
  language: 'da' | 'en';
  expires_ms: number;
  used: boolean;
  status: string;
  questionnaire: string;
  pseudonym: string;
}

const gone = (why: string) => new HTTPException(410, { message: why });

/** The link of `token` if it may still be answered: 404 unknown, 410 used, expired or closed. */
async function openLink(store: Store, token: string, nowMs: number): Promise<LinkRow> {
  const [link] = await store.query<LinkRow>(
    `SELECT l.measurement_id AS id, l.language, epoch_ms(l.expires_at) AS expires_ms, l.used_at IS NOT NULL AS used,
            m.status, m.questionnaire, p.pseudonym
     FROM citizen_links l JOIN measurements m USING (measurement_id) JOIN persons p USING (person_id)
     WHERE l.token_hash = $1`,
    [hashOf(token)],
  );
  if (!link)
    throw new HTTPException(404, { message: 'no such link: check the address, or ask for a new link' });
  if (link.used)
    throw gone('this link has been used: the answers were sent; ask for a new link to answer again');
  if (link.expires_ms <= nowMs) throw gone('this link has expired: ask for a new link');
  if (link.status !== 'draft') throw gone('this measurement is closed: ask for a new link');
  return link;
}

/** What the citizen sees on opening the link: the citizen's part of the questionnaire, in their language. */
export async function linkQuestionnaire(
  store: Store,
  token: string,
  nowMs: number,
): Promise<{ questionnaire: CitizenLinkQuestionnaire; language: 'da' | 'en' }> {
  const link = await openLink(store, token, nowMs);
  const q = await questionnaireOf(store, link.questionnaire);
  if (!q)
    throw new Error(
      `measurement ${link.id} names questionnaire ${link.questionnaire}, which the store lacks`,
    );
  return {
    questionnaire: {
      version: q.version,
      name: q.name,
      source: q.source,
      citizen: q.citizen,
      channels: q.channels,
    },
    language: link.language,
  };
}

/**
 * Store the citizen's answers sent through the link into its measurement and use the link up. Every
 * item of the citizen's part is to be answered (a score, or null to leave it). Returns the
 * measurement id and the citizen's pseudonym, for the audit trail.
 */
export async function answerLink(
  store: Store,
  token: string,
  body: { answers: Answers; channels: readonly string[] },
  nowMs: number,
): Promise<{ measurementId: number; pseudonym: string }> {
  const link = await openLink(store, token, nowMs);
  const q = await questionnaireOf(store, link.questionnaire);
  if (!q)
    throw new Error(
      `measurement ${link.id} names questionnaire ${link.questionnaire}, which the store lacks`,
    );
  const problems = [
    ...checkAnswers(q, 'citizen', body.answers, true, 'answers'),
    ...checkChannels(body.channels),
  ];
  if (problems.length > 0) throw new DataError(problems.join('; '));
  const channels = body.channels.filter((c): c is SearchChannel =>
    (SEARCH_CHANNELS as readonly string[]).includes(c),
  );
  await store.transaction(async (c) => {
    // Used up in the same transaction as the answers are written: a second answer finds it used.
    const [used] = await rows<{ id: number }>(
      c,
      `UPDATE citizen_links SET used_at = make_timestamp($2::BIGINT * 1000)
       WHERE token_hash = $1 AND used_at IS NULL RETURNING measurement_id AS id`,
      [hashOf(token), nowMs],
    );
    if (!used)
      throw gone('this link has been used: the answers were sent; ask for a new link to answer again');
    await writeAnswers(c, link.id, { citizen: body.answers, channels });
    await c.run(
      'UPDATE measurements SET updated_at = current_timestamp::TIMESTAMP WHERE measurement_id = $1',
      [link.id],
    );
  });
  return { measurementId: link.id, pseudonym: link.pseudonym };
}
