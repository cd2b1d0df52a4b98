import { unsafeCSS, type CSSResult } from 'lit';

/**
 * A static style sheet. Lit's own `css` tag checks the values it is given, with a long error text that would weigh
 * on the script-tag bundle; a sheet with nothing interpolated needs no check. (Named `css`, so that the build's
 * minify-templates step compacts it as it does Lit's.)
 */
const css = (sheet: TemplateStringsArray): CSSResult => unsafeCSS(sheet[0]);

/** Light and dark defaults (by the page's color scheme), each overridable with a documented custom property. */
export const styles = css`
  /* Each colour: the host's custom property, else the light or the dark default (color-scheme picks; native controls
     such as the checkbox follow it too). */
  :host {
    color-scheme: light dark;
    --_accent: var(--imss-connect-accent, light-dark(#235b4e, #7fd1b9));
    --_danger: var(--imss-connect-danger, light-dark(#9f2241, #ffa3b1));
    --_text: var(--imss-connect-text, light-dark(#1b1f24, #eef0f2));
    --_muted: var(--imss-connect-muted, light-dark(#4a5159, #b8bec6));
    --_surface: var(--imss-connect-surface, light-dark(#fff, #1a1d21));
    --_radius: var(--imss-connect-radius, 0.5rem);
    display: block;
    padding: 1rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: 1rem/1.5 var(--imss-connect-font, system-ui, sans-serif);
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  ::before {
    box-sizing: border-box;
  }
  form,
  .panel {
    display: grid;
    gap: 0.75rem;
  }
  p,
  h2,
  h3,
  dl,
  dd,
  ol,
  ul {
    margin: 0;
  }
  [for='curp'],
  dd,
  [aria-current] {
    font-weight: 600;
  }
  .hint,
  .small,
  .notes,
  .badge,
  dt,
  .steps li {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  a,
  [aria-current] {
    color: inherit;
  }
  #curp,
  button {
    font: inherit;
    min-height: 2.75rem;
    border-radius: var(--_radius);
  }
  /* Monospaced and in capitals, so a person compares the CURP with their INE character by character. */
  #curp {
    text-transform: uppercase;
    width: 100%;
    padding: 0 0.75rem;
    font-family: ui-monospace, monospace;
    letter-spacing: 0.1em;
    border: 1px solid var(--_muted);
    background: inherit;
    color: inherit;
  }
  /* As specific as #curp's own border. Twice as thick, without moving the text. */
  #curp[aria-invalid='true'] {
    border-color: var(--_danger);
    box-shadow: inset 0 0 0 1px var(--_danger);
  }
  #consent[aria-invalid='true']:not(:focus-visible) {
    outline: 2px solid var(--_danger);
  }
  .consent {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
  }
  /* 24 px (WCAG 2.5.8), as tall as the label's first line. */
  #consent {
    accent-color: var(--_accent);
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
  }
  .invalid,
  .error strong {
    color: var(--_danger);
  }
  .below {
    display: flex;
    flex-wrap: wrap-reverse;
    justify-content: space-between;
    gap: 0 1rem;
    margin-top: -0.5rem;
  }
  .error {
    border-left: 4px solid var(--_danger);
    padding-left: 0.75rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  button {
    justify-self: start;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_accent);
    background: none;
    color: inherit;
    cursor: pointer;
  }
  .link {
    min-height: 0;
    padding: 0 0.25rem;
    border: 0;
    text-decoration: underline;
  }
  .primary {
    background: var(--_accent);
    color: var(--_surface);
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  ol,
  ul {
    display: grid;
    gap: 0.25rem;
    list-style: none;
    padding: 0;
  }
  .steps li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  /* Every step has a marker of one size, so the texts line up: pending ○, current ◉, done ✓ (no motion: the clock
     below shows that time passes). The ✓ is decoration (empty alt text): the step says "done" in hidden words. */
  .steps li::before {
    content: '';
    flex: none;
    display: grid;
    place-items: center;
    width: 1.25rem;
    height: 1.25rem;
    border: 2px solid;
    border-radius: 50%;
  }
  [aria-current]::before {
    border-color: var(--_accent);
    background: radial-gradient(var(--_accent) 30%, transparent 35%);
  }
  .done::before {
    content: '✓' / '';
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_surface);
    font-size: 0.75rem;
    font-weight: 700;
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0.75rem;
  }
  .figure dd {
    font-size: 1.25rem;
  }
  .verified,
  .badge {
    color: var(--_accent);
    font-weight: 600;
  }
  .verified::before {
    content: '✓ ' / '';
  }
  /* The timeline: one lane per run of jobs that do not overlap; a gap between jobs is bare lane. */
  svg {
    display: block;
    width: 100%;
  }
  .lane {
    fill: color-mix(in srgb, var(--_muted) 20%, transparent);
  }
  .bar {
    fill: var(--_muted);
  }
  /* A current job; a voluntary contribution, paler (the list of jobs names it). */
  .current {
    fill: var(--_accent);
  }
  .voluntary {
    fill: color-mix(in srgb, var(--_accent) 45%, transparent);
  }
  .axis {
    display: flex;
    justify-content: space-between;
    color: var(--_muted);
    font-size: 0.75rem;
  }
  .jobs li {
    display: grid;
    border-top: 1px solid var(--_muted);
    padding-top: 0.5rem;
  }

  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
