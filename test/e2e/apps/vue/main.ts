// The Vue example of the README: Vue renders <imss-connect> as a native custom element; `onImssSuccess` and
// `onImssError` in the props listen for the `imss-success` and `imss-error` DOM events, typed through the element's
// event map.
import { createApp, defineComponent, h, ref } from 'vue';
import '../../../../src/index.js';
import type { EmploymentSummary, ImssErrorEvent, ImssSuccessEvent } from '../../../../src/index.js';

const Onboarding = defineComponent({
  setup() {
    const summary = ref<EmploymentSummary | null>(null);
    const errorCode = ref<string | null>(null);
    return () =>
      h('main', [
        h('h1', 'Verify your employment history'),
        h('imss-connect', {
          endpoint: '/api/imss',
          lang: 'en',
          'consent-given': '',
          onImssSuccess: (event: ImssSuccessEvent) => (summary.value = event.detail.summary),
          onImssError: (event: ImssErrorEvent) => (errorCode.value = event.detail.code),
        }),
        summary.value && h('output', { id: 'host-summary' }, `${summary.value.jobs.length} job(s)`),
        errorCode.value && h('output', { id: 'host-error' }, errorCode.value),
      ]);
  },
});

createApp(Onboarding).mount('#app');
