// What the element says about a CURP it will not send, one story per parseCurp reason, plus missing consent.
// An 18-character CURP is judged as soon as it is there; a shorter one as soon as a typed character, date, sex or
// state cannot be right; an empty or merely short one only once the person leaves the field or submits, so those
// stories call submit() in their play function.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect } from 'storybook/test';
import type { CurpInvalidReason } from '../src/curp/check-curp.js';
import { esMX } from '../src/element/translations/es-MX.js';
import { imssConnectMeta, type ImssConnectArgs } from './support/meta.js';
import { imssConnect, shown } from './support/play.js';

const meta = {
  ...imssConnectMeta,
  title: 'imss-connect/Validation',
  tags: ['!autodocs'],
  args: { ...imssConnectMeta.args, 'consent-given': true },
} satisfies Meta<ImssConnectArgs>;
export default meta;

type Story = StoryObj<ImssConnectArgs>;

/** A story that shows `reason` for `curp`, submitting first when the reason only shows after a submit. */
function invalid(reason: CurpInvalidReason, curp: string, submitFirst = false): Story {
  return {
    args: { curp },
    play: async ({ canvasElement }) => {
      const element = await imssConnect(canvasElement);
      if (submitFirst) await expect(element.submit()).toBe(false);
      const message = await shown(element, '#curp-invalid:not(:empty)');
      await expect(message.textContent?.trim()).toBe(esMX.invalid[reason]);
    },
  };
}

/** Submitted with nothing typed. */
export const Empty = invalid('empty', '', true);

/** Submitted incomplete (13 of 18 characters). */
export const Length = invalid('length', 'GALM900514MDF', true);

/** A letter O where the birth date needs the digit 0: shown while typing. */
export const Format = invalid('format', 'GALM90O514MDFRPR04');

/** Month 13 in the birth date. */
export const BirthDate = invalid('date', 'GALM901314MDFRPR04');

/** Month 13, typed so far: shown at once, before the other 10 characters. */
export const BirthDateWhileTyping = invalid('date', 'GALM9013');

/** K where the sex (H, M or X) goes. */
export const Sex = invalid('sex', 'GALM900514KDFRPR04');

/** ZZ is no state code. */
export const State = invalid('state', 'GALM900514MZZRPR04');

/** The last character, the check digit, does not match (…04 is right). */
export const Checksum = invalid('checksum', 'GALM900514MDFRPR05');

/** A valid CURP, but the consent box is not ticked (and `consent-given` is not set). */
export const ConsentRequired: Story = {
  args: { 'consent-given': false, curp: 'GALM900514MDFRPR04' },
  play: async ({ canvasElement }) => {
    const element = await imssConnect(canvasElement);
    await expect(element.submit()).toBe(false);
    const message = await shown(element, '#consent-invalid:not(:empty)');
    await expect(message.textContent?.trim()).toBe(esMX.consentRequired);
  },
};
