import { html, type TemplateResult } from 'lit';

/** A text with its `{name}` slots filled: `fill('{n} de 18', { n: 17 })` → `17 de 18`. */
export const fill = (text: string, values: Record<string, unknown>): string =>
  text.replace(/\{(\w+)\}/g, (slot, name: string) => (name in values ? String(values[name]) : slot));

/**
 * A text whose `{name}` slots are links: each to `links[name]` (an href, opened in a new tab) reading
 * `labels[name]`; a slot without an href reads its label as plain text.
 */
export function withLinks(
  text: string,
  labels: Record<string, string>,
  links: Record<string, string | undefined>,
): (string | TemplateResult)[] {
  return text.split(/\{(\w+)\}/).map((part, i) => {
    if (i % 2 === 0) return part;
    const href = links[part];
    return href
      ? html`<a href=${href} target="_blank" rel="noopener">${labels[part]}</a>`
      : (labels[part] ?? '');
  });
}
