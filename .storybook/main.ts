import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // In `storybook dev`, Vite pre-bundles `lit` for the stories, but Storybook's renderer also imports
  // `lit/directive-helpers.js`, which was served unbundled with a lit-html of its own: "Multiple versions of Lit
  // loaded". Pre-bundling every Lit entry point used on the page makes them share one copy.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    optimizeDeps: {
      ...viteConfig.optimizeDeps,
      include: [
        ...(viteConfig.optimizeDeps?.include ?? []),
        'lit',
        'lit/directive-helpers.js',
        'lit/directives/if-defined.js',
        'lit/directives/style-map.js',
      ],
    },
  }),
};
export default config;
