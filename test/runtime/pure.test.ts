/** The runtime's pure pieces: guards, clamping, env knobs, the leader's summary, binary detection. */
import { httpSourceOf, describeEvent } from '../../src/runtime/events';
import { isFanoutFollower, isKeepWarmEvent } from '../../src/contracts/keep-warm';
import { clampConcurrency, holdMs, primeEnabled, DEFAULT_HOLD_MS } from '../../src/runtime/config';
import { summarise } from '../../src/runtime/keep-warm';
import { isBinaryResponse } from '../../src/runtime/adapter/binary';
import { functionUrlEvent } from '../helpers/artifact-client';

test('keep-warm guards: the marker makes a warm event, fanout makes a follower', () => {
  expect(isKeepWarmEvent({ zap: 'keep_warm' })).toBe(true);
  expect(isKeepWarmEvent({ zap: 'other' })).toBe(false);
  expect(isKeepWarmEvent(null)).toBe(false);
  expect(isKeepWarmEvent(functionUrlEvent('GET', '/'))).toBe(false);
  expect(isFanoutFollower({ zap: 'keep_warm', fanout: { id: 'a', index: 1 } })).toBe(true);
  expect(isFanoutFollower({ zap: 'keep_warm', fanout: 'yes' })).toBe(false);
  expect(isFanoutFollower({ zap: 'keep_warm' })).toBe(false);
});

test('HTTP sources: ALB before v2 before v1; anything else is none', () => {
  expect(httpSourceOf({ requestContext: { elb: {} }, httpMethod: 'GET' })).toBe('alb');
  expect(httpSourceOf(functionUrlEvent('GET', '/'))).toBe('api-gateway-v2');
  expect(httpSourceOf({ requestContext: {}, httpMethod: 'GET', path: '/' })).toBe('api-gateway-v1');
  expect(httpSourceOf({ Records: [] })).toBeUndefined();
  expect(httpSourceOf({ version: '2.0', requestContext: {} })).toBeUndefined();
  expect(describeEvent({ a: 1, b: 2 })).toBe('an object with keys a, b');
  expect(describeEvent([1])).toBe('an array of 1');
});

test.each([
  [undefined, 1], [0, 1], [-1, 1], [NaN, 1], [Infinity, 1], ['x', 1], [' ', 1], [true, 1], [{}, 1],
  [1, 1], [2.9, 2], ['7', 7], [100, 100], [101, 100], [1e12, 100],
])('clampConcurrency(%p) = %p', (input, expected) => {
  expect(clampConcurrency(input)).toBe(expected);
});

test('hold time and priming come from the environment, with safe fallbacks', () => {
  expect(holdMs({})).toBe(DEFAULT_HOLD_MS);
  expect(holdMs({ ZAP_KEEP_WARM_HOLD_MS: '50' })).toBe(50);
  expect(holdMs({ ZAP_KEEP_WARM_HOLD_MS: 'soon' })).toBe(DEFAULT_HOLD_MS);
  expect(holdMs({ ZAP_KEEP_WARM_HOLD_MS: '-5' })).toBe(DEFAULT_HOLD_MS);
  expect(holdMs({ ZAP_KEEP_WARM_HOLD_MS: '999999' })).toBe(10_000);
  expect(primeEnabled({})).toBe(true);
  expect(primeEnabled({ ZAP_KEEP_WARM_PRIME: 'false' })).toBe(false);
  expect(primeEnabled({ ZAP_KEEP_WARM_PRIME: 'FALSE' })).toBe(false);
  expect(primeEnabled({ ZAP_KEEP_WARM_PRIME: 'true' })).toBe(true);
});

test('the leader counts distinct containers (itself included) and cold ones; failures become errors', () => {
  const answer = (container: string, cold: boolean) => ({ zap: 'keep_warm' as const, role: 'follower' as const, container, cold, app_ready: true });
  const s = summarise(
    [
      { index: 1, answer: answer('b', true) },
      { index: 2, answer: answer('b', false) }, // the same container twice: the hold was too short
      { index: 3, error: 'TooManyRequestsException: Rate Exceeded.' },
      { index: 4, answer: answer('c', false) },
    ],
    { container: 'a', cold: false, app_ready: false },
  );
  expect(s).toEqual({ held: 3, cold_containers: 1, apps_ready: 2, errors: [{ index: 3, error: 'TooManyRequestsException: Rate Exceeded.' }] });
});

test('binary answers: images, octet-stream and compressed bodies; not text or JSON', () => {
  expect(isBinaryResponse({ headers: { 'content-type': 'image/png' } })).toBe(true);
  expect(isBinaryResponse({ headers: { 'content-type': 'application/octet-stream' } })).toBe(true);
  expect(isBinaryResponse({ headers: { 'content-type': 'application/json', 'content-encoding': 'br' } })).toBe(true);
  expect(isBinaryResponse({ headers: { 'content-type': 'application/json; charset=utf-8' } })).toBe(false);
  expect(isBinaryResponse({ headers: { 'content-type': 'text/html', 'content-encoding': 'identity' } })).toBe(false);
  expect(isBinaryResponse({ headers: {} })).toBe(false);
});
