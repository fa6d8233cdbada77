/** Tracing agents that patch modules through require hooks are named at package time: in a bundle they record no spans. */
import type { Metafile } from 'esbuild';
import { requireHookNotes } from '../../src/package/require-hooks';

const metafile = (inputs: string[]): Metafile => ({ inputs: Object.fromEntries(inputs.map((i) => [i, { bytes: 1, imports: [] }])), outputs: {} }) as Metafile;

test('@sentry/node in the bundle (instrument.js required first, as Sentry documents): a note that says what still works and what to use', () => {
  const notes = requireHookNotes(metafile(['instrument.js', 'app.js', 'node_modules/@sentry/node/build/cjs/index.js', 'node_modules/express/index.js']));
  expect(notes).toEqual([
    '@sentry/node instruments modules by hooking require(), which bundled modules never pass through: on Lambda the app answers the same and explicitly captured errors are sent, ' +
      "but no automatic spans (express, http, databases) are recorded. For traces use @sentry/aws-serverless or Sentry's Lambda layer",
  ]);
});

test('dd-trace, newrelic and elastic-apm-node each get their note; an app without an agent gets none', () => {
  const notes = requireHookNotes(metafile(['node_modules/dd-trace/index.js', 'node_modules/newrelic/index.js', 'node_modules/elastic-apm-node/start.js']));
  expect(notes.map((n) => n.split(' ')[0])).toEqual(['dd-trace', 'newrelic', 'elastic-apm-node']);
  expect(requireHookNotes(metafile(['app.js', 'node_modules/express/index.js', 'node_modules/pino/pino.js']))).toEqual([]);
});
