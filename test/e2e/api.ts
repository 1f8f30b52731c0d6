// Calls the API directly from a Playwright test, to compare the window with what the core holds.
import { expect, type Page } from '@playwright/test';
import type { ServeInfo } from '../helpers/cli.ts';

export async function call<T>(page: Page, info: ServeInfo, name: string, input: unknown): Promise<T> {
  const res = await page.request.post(new URL(`api/call/${name}`, info.url).href, {
    headers: { Authorization: `Bearer ${info.token}` },
    data: input,
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  expect(body.ok, JSON.stringify(body.error)).toBe(true);
  return body.data;
}
