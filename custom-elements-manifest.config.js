// Custom elements manifest, from the element class's JSDoc: it feeds Storybook's docs and the README's tables.
export default {
  globs: ['src/element/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
};
