/** Files the server makes (workbooks, reports), saved by the browser. */

import { ApiError, request } from './api.ts';

/** POST `body` and save the file the server answers with as `fileName`. */
export async function downloadPost(path: string, body: unknown, fileName: string): Promise<void> {
  await save(await request(path, body), fileName);
}

/** GET `path` and save the file the server answers with as `fileName`. */
export async function downloadGet(path: string, fileName: string): Promise<void> {
  await save(await request(path), fileName);
}

async function save(response: Response, fileName: string): Promise<void> {
  if (!response.ok) {
    const answer = (await response.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(answer.error ?? `HTTP ${response.status}`, response.status);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName.replace(/[\\/:*?"<>|]/g, '');
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
