import { css } from 'lit';

/** Light defaults, dark defaults under prefers-color-scheme, each overridable with a documented custom property. */
export const styles = css`
  :host {
    --_accent: var(--imss-connect-accent, #235b4e);
    --_danger: var(--imss-connect-danger, #9f2241);
    --_text: var(--imss-connect-text, #1b1f24);
    --_muted: var(--imss-connect-muted, #4a5159);
    --_surface: var(--imss-connect-surface, #fff);
    --_radius: var(--imss-connect-radius, 0.5rem);
    display: block;
    padding: 1rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: 1rem/1.5 var(--imss-connect-font, system-ui, sans-serif);
    overflow-wrap: anywhere;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--imss-connect-accent, #7fd1b9);
      --_danger: var(--imss-connect-danger, #ffa3b1);
      --_text: var(--imss-connect-text, #eef0f2);
      --_muted: var(--imss-connect-muted, #b8bec6);
      --_surface: var(--imss-connect-surface, #1a1d21);
    }
  }
  :host([hidden]) {
    display: none;
  }
  form,
  .panel {
    display: grid;
    gap: 0.75rem;
  }
  p,
  h2,
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
  dt,
  ol li {
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
  #curp {
    width: 100%;
    padding: 0 0.75rem;
    border: 1px solid var(--_muted);
    background: inherit;
    color: inherit;
  }
  [aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }
  .consent {
    display: flex;
    gap: 0.5rem;
  }
  .invalid,
  .error strong {
    color: var(--_danger);
  }
  .invalid {
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
    padding: 0.5rem 1rem;
    border: 2px solid var(--_accent);
    background: none;
    color: inherit;
    cursor: pointer;
  }
  .primary {
    background: var(--_accent);
    color: var(--_surface);
    justify-self: start;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  ol {
    list-style: none;
    padding: 0;
  }
  ol li {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  [aria-current]::before {
    content: '';
    width: 1em;
    height: 1em;
    border: 3px solid var(--_accent);
    border-right-color: transparent;
    border-radius: 50%;
  }
  @media (prefers-reduced-motion: no-preference) {
    [aria-current]::before {
      animation: spin 1s linear infinite;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  dl {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0.75rem;
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
