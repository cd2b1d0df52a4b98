// Component tests in real headless Chromium. The dev server also mounts the real proxy and the sandbox at /api/imss,
// so the element talks HTTP to the same backend that `npm start` runs (at test speed).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromeArgs, findChrome } from './scripts/chrome.ts';
import { backendMiddleware } from './test/support/backend-middleware.ts';

export default {
  files: ['test/element/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({ launchOptions: { executablePath: findChrome(), headless: true, args: chromeArgs } }),
  ],
  middleware: [backendMiddleware()],
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 180000,
};
