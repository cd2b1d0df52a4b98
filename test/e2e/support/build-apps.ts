// Builds the React and Vue example pages with Vite, as a partner's bundler would, into test/e2e/.built/<app>.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

export const builtRoot = fileURLToPath(new URL('../.built/', import.meta.url));

export async function buildApp(name: 'react' | 'vue'): Promise<string> {
  const outDir = `${builtRoot}${name}`;
  await build({
    root: fileURLToPath(new URL(`../apps/${name}/`, import.meta.url)),
    base: `/e2e-apps/${name}/`,
    logLevel: 'warn',
    configFile: false,
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
