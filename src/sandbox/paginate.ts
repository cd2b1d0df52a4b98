import type * as z from 'zod/mini';
import type { belvoPage } from '../contract/belvo.js';

/**
 * Belvo's list pagination (Django REST framework's page-number style): `{count, next, previous, results}` with
 * absolute `next`/`previous` URLs built from the request's own URL, so they point back at this sandbox
 * wherever it is mounted. `page` counts from 1; `page_size` (1–1000) overrides the default.
 */

const MAX_PAGE_SIZE = 1000;

/** A page as the contract's `belvoPage` schemas read it. */
type BelvoPageInput = z.input<ReturnType<typeof belvoPage>>;

/** A page, or undefined for a page that does not exist (Belvo answers 404 "Invalid page."). */
export function paginate<T>(items: readonly T[], requestUrl: string, defaultPageSize: number) {
  const url = new URL(requestUrl);
  const pageSize = clampPageSize(url.searchParams.get('page_size'), defaultPageSize);
  const pageText = url.searchParams.get('page') ?? '1';
  if (!/^\d+$/.test(pageText)) return undefined;
  const page = Number(pageText);
  const lastPage = Math.max(1, Math.ceil(items.length / pageSize));
  if (page < 1 || page > lastPage) return undefined;

  return {
    count: items.length,
    next: page < lastPage ? pageUrl(url, page + 1) : null,
    previous: page > 1 ? pageUrl(url, page - 1) : null,
    results: items.slice((page - 1) * pageSize, page * pageSize),
  } satisfies BelvoPageInput;
}

function clampPageSize(text: string | null, fallback: number): number {
  const size = text !== null && /^\d+$/.test(text) ? Number(text) : fallback;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, size));
}

/** Like DRF, the first page's URL has no `page` parameter. */
function pageUrl(url: URL, page: number): string {
  const target = new URL(url);
  if (page === 1) target.searchParams.delete('page');
  else target.searchParams.set('page', String(page));
  return target.href;
}
