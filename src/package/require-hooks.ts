/**
 * Tracing agents that instrument other modules by hooking `require` as Node loads them:
 * @sentry/node 8+ (OpenTelemetry's require-in-the-middle, or its own copy of it), @opentelemetry/instrumentation,
 * dd-trace, newrelic, elastic-apm-node. In a bundle, express, http clients and database drivers are
 * not loaded through Node's require, so the agent patches nothing: the app answers the same, errors
 * sent explicitly (Sentry.setupExpressErrorHandler, captureException) still go out, but no spans or
 * automatic traces are recorded, and nothing says so. zap cannot make those hooks see bundled
 * modules; it says so at package time, with the vendor's Lambda way of doing it.
 */
import type { Metafile } from 'esbuild';
import { packageOf } from './packages';

const AGENTS: { pkg: string; name: string; lambda: string }[] = [
  { pkg: '@sentry/node', name: '@sentry/node', lambda: "@sentry/aws-serverless or Sentry's Lambda layer" },
  { pkg: '@opentelemetry/instrumentation', name: 'OpenTelemetry instrumentation', lambda: 'the OpenTelemetry Lambda layer (ADOT)' },
  { pkg: 'dd-trace', name: 'dd-trace', lambda: "Datadog's Lambda extension and layer (datadog-lambda-js)" },
  { pkg: 'newrelic', name: 'newrelic', lambda: "New Relic's Lambda layer" },
  { pkg: 'elastic-apm-node', name: 'elastic-apm-node', lambda: "Elastic's APM Lambda extension" },
];

/** One note per agent found in the bundle. */
export function requireHookNotes(metafile: Metafile): string[] {
  const bundled = new Set(Object.keys(metafile.inputs).map((i) => packageOf(i)?.name).filter((n): n is string => n !== undefined));
  return AGENTS.filter((a) => bundled.has(a.pkg)).map(
    (a) =>
      `${a.name} instruments modules by hooking require(), which bundled modules never pass through: on Lambda the app answers the same and explicitly captured errors are sent, ` +
      `but no automatic spans (express, http, databases) are recorded. For traces use ${a.lambda}`,
  );
}
