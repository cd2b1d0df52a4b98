// <imss-connect>: the entry form, the progress of a retrieval, the results, and the options that change them.
// Each story runs the real proxy and the Belvo sandbox inside the page (see support/backend.ts) and, where a state
// needs a retrieval, starts one in its play function and waits until the state shows.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import { esMX } from '../src/element/translations/es-MX.js';
import { heldLinkCreation } from '../test/support/interceptors.js';
import type { StoryBackendOptions } from './support/backend.js';
import { advanceClock, movableClock } from './support/clock.js';
import { imssConnectMeta, type ImssConnectArgs } from './support/meta.js';
import { imssConnect, retrieving, shown, submit, submitAndSucceed, submitting } from './support/play.js';

const meta = {
  ...imssConnectMeta,
  title: 'imss-connect/Flow',
  // The docs page (autodocs, from the custom elements manifest) shows the stories that need no retrieval; those
  // that land in a later state only do so in their own canvas, where their play function runs.
  tags: ['autodocs'],
} satisfies Meta<ImssConnectArgs>;
export default meta;

type Story = StoryObj<ImssConnectArgs>;

/** Stories that start a retrieval: left off the docs page, where play functions do not run. */
const canvasOnly = ['!autodocs'];

// ── Entry ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The element as a partner page embeds it: CURP field, link to look the CURP up, consent checkbox. */
export const Idle: Story = {};

/** `consent-given`: the host page collected consent itself, so the checkbox is gone. */
export const ConsentGiven: Story = {
  args: { 'consent-given': true },
};

/** `curp` prefills the field, e.g. with a CURP the person gave earlier in the onboarding. */
export const Prefilled: Story = {
  args: { curp: 'GALM900514MDFRPR04' },
};

/**
 * A person types their CURP in lower case (the field shows it in capitals), ticks the consent box and presses the
 * button; the sandbox answers at demo speed (`timeScale: 1`, data in about 4 s).
 */
export const TypedByAPerson: Story = {
  tags: canvasOnly,
  parameters: { backend: { timeScale: 1 } satisfies StoryBackendOptions },
  play: async ({ canvasElement }) => {
    const element = await imssConnect(canvasElement);
    const root = element.shadowRoot!;
    const input = root.querySelector<HTMLInputElement>('#curp')!;
    await userEvent.type(input, 'galm900514mdfrpr04');
    await expect(getComputedStyle(input).textTransform).toBe('uppercase');
    await userEvent.click(root.querySelector<HTMLInputElement>('#consent')!);
    await userEvent.click(root.querySelector<HTMLButtonElement>('[part~=submit]')!);
    await retrieving(element);
    await shown(element, '[part~=result]');
  },
};

// ── Progress ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Submitted, and the proxy has not answered `POST /links` yet (held forever here): “Conectando con el IMSS”. */
export const Submitting: Story = {
  tags: canvasOnly,
  args: { 'consent-given': true, curp: 'GALM900514MDFRPR04' },
  parameters: { backend: { intercept: heldLinkCreation().intercept } satisfies StoryBackendOptions },
  play: async ({ canvasElement }) => {
    const element = await imssConnect(canvasElement);
    await submit(element);
    await submitting(element);
  },
};

/**
 * The proxy created the Belvo link and waits for IMSS: “Obteniendo tu historial laboral”. VAPE800101HDFLRD03 is the
 * sandbox's CURP whose webhook never comes; the session timeout is an hour, so the story stays here.
 */
export const Retrieving: Story = {
  tags: canvasOnly,
  args: { 'consent-given': true, curp: 'VAPE800101HDFLRD03' },
  parameters: { backend: { sessionTimeoutMs: 3_600_000 } satisfies StoryBackendOptions },
  play: async ({ canvasElement }) => {
    const element = await imssConnect(canvasElement);
    await submit(element);
    await retrieving(element);
  },
};

/**
 * After 20 s the element adds (and announces) a reassuring note. Rather than make the story wait 20 s, its
 * `beforeEach` makes `Date.now` movable (support/clock.ts) and the play function moves it 25 s forward once the
 * retrieval is under way; the cleanup restores the real clock. The elapsed time therefore reads 0:25 and up.
 */
export const LongWait: Story = {
  tags: canvasOnly,
  args: { 'consent-given': true, curp: 'VAPE800101HDFLRD03' },
  parameters: { backend: { sessionTimeoutMs: 3_600_000 } satisfies StoryBackendOptions },
  beforeEach: movableClock,
  play: async ({ canvasElement }) => {
    const element = await imssConnect(canvasElement);
    await submit(element);
    await retrieving(element);
    advanceClock(25_000);
    // The element re-renders every second: within one, the note is there.
    await waitFor(
      () =>
        expect(element.shadowRoot!.querySelector('[part~=progress]')?.textContent).toContain(esMX.longWait),
      { timeout: 3000 },
    );
  },
};

// ── Results ────────────────────────────────────────────────────────────────────────────────────────────────────

/** GALM900514MDFRPR04: employed, one current job (and two earlier ones). */
export const SuccessOneJob: Story = {
  tags: canvasOnly,
  args: { 'consent-given': true, curp: 'GALM900514MDFRPR04' },
  play: async ({ canvasElement }) => submitAndSucceed(await imssConnect(canvasElement)),
};

/** HEGJ850101HJCRNN06: a long history (12 jobs with salary changes, in the event's summary), one current job. */
export const SuccessLongHistory: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, curp: 'HEGJ850101HJCRNN06' },
};

/**
 * SAMC920320MVZNRR04: two IMSS profiles summed up in one card: both NSS (masked), four jobs on two lanes of the
 * timeline, two current jobs.
 */
export const SuccessTwoProfiles: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, curp: 'SAMC920320MVZNRR04' },
};

/**
 * MORG660315MDFRDD03: employment ended years ago and the person pays voluntary contributions (Modalidad 40): named
 * as such, with its contribution base, and neither current employment nor income.
 */
export const SuccessVoluntaryContribution: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, curp: 'MORG660315MDFRDD03' },
};

/** VEMR751120HDFLRC08: a daily salary at the legal cap (25 UMA): "al tope de cotización", and what it means. */
export const SuccessCappedSalary: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, curp: 'VEMR751120HDFLRC08' },
};

/** GUTE790910MJCTRL05: weeks redeemed after an AFORE withdrawal, and some reinstated. */
export const SuccessRedeemedWeeks: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, curp: 'GUTE790910MJCTRL05' },
};

/** CASD930607MGTSNN07: the profile comes with Belvo's employment score. */
export const SuccessEmploymentScore: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, curp: 'CASD930607MGTSNN07' },
};

/** PEMA780715HPLRRN03: every job has ended, so no current employment, salary or income. */
export const SuccessUnemployed: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, curp: 'PEMA780715HPLRRN03' },
};

/** SOTM700707MJCTRR08: IMSS knows the person but has no employment history for them. */
export const NoHistory: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, curp: 'SOTM700707MJCTRR08' },
};

/** `hide-summary`: the host page shows the data itself; the element only confirms in one line (events unchanged). */
export const HideSummary: Story = {
  ...SuccessOneJob,
  args: { 'consent-given': true, 'hide-summary': true, curp: 'GALM900514MDFRPR04' },
};
