import { AwsError } from '../errors';
import type { Ctx } from '../context';
import { page } from '../context';
import type { EmulatorData, LogGroupRecord } from '../model';
import { breachMessage, tagBreach } from '../tag-rules';
import { compileFilterPattern, FilterPatternError } from './filter-pattern';
import { appendEvents, applyRetention, newGroup, newStream } from './store';

type Input = Record<string, any>;
type Op = (i: Input, ctx: Ctx, data: EmulatorData) => unknown;

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const groupNotFound = () => new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
const invalid = (m: string) => new AwsError('InvalidParameterException', m);
const badToken = () => invalid('The specified nextToken is invalid.');

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html: 50 tags, AWS's tag characters. */
function checkTags(tags: Record<string, unknown>, existing?: Record<string, unknown>): void {
  const b = tagBreach(tags, existing);
  if (b?.kind === 'count') throw new AwsError('TooManyTagsException', breachMessage(b));
  if (b) throw invalid(breachMessage(b));
}

function need(i: Input, key: string): string {
  if (typeof i[key] !== 'string' || i[key] === '') throw invalid(`1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
  return i[key];
}

function group(data: EmulatorData, i: Input): LogGroupRecord {
  const g = data.logGroups[need(i, 'logGroupName')];
  if (!g) throw groupNotFound();
  applyRetention(g, Date.now());
  return g;
}

function limit(i: Input, dflt: number, max: number): number {
  if (i.limit === undefined) return dflt;
  if (!Number.isInteger(i.limit) || i.limit < 1 || i.limit > max) throw invalid(`1 validation error detected: Value '${i.limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`);
  return i.limit;
}

const groupArn = (ctx: Ctx, name: string) => `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;

function renderGroup(ctx: Ctx, g: LogGroupRecord) {
  const storedBytes = Object.values(g.streams).reduce((n, s) => n + s.events.reduce((m, e) => m + e.message.length, 0), 0);
  return {
    logGroupName: g.name, creationTime: g.createdAt, retentionInDays: g.retentionInDays, metricFilterCount: 0,
    arn: `${groupArn(ctx, g.name)}:*`, logGroupArn: groupArn(ctx, g.name), storedBytes, logGroupClass: 'STANDARD',
  };
}

function matcher(pattern: unknown) {
  try {
    return compileFilterPattern(typeof pattern === 'string' ? pattern : undefined);
  } catch (err) {
    if (err instanceof FilterPatternError || err instanceof SyntaxError) throw invalid(`Invalid filter pattern: ${(err as Error).message}`);
    throw err;
  }
}

const OPS: Record<string, Op> = {
  CreateLogGroup(i, ctx, data) {
    const name = need(i, 'logGroupName');
    if (!/^[\.\-_/#A-Za-z0-9]{1,512}$/.test(name)) throw invalid(`1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
    if (data.logGroups[name]) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
    checkTags(i.tags ?? {});
    data.logGroups[name] = { ...newGroup(name, ctx.now()), tags: { ...(i.tags ?? {}) } };
  },
  DeleteLogGroup(i, _ctx, data) {
    delete data.logGroups[group(data, i).name];
  },
  DescribeLogGroups(i, ctx, data) {
    const prefix = i.logGroupNamePrefix ?? '';
    const pattern = i.logGroupNamePattern;
    const all = Object.values(data.logGroups)
      .filter((g) => g.name.startsWith(prefix) && (!pattern || g.name.includes(pattern)))
      .sort((a, b) => a.name.localeCompare(b.name));
    const p = page(all, i.nextToken, limit(i, 50, 50), badToken);
    return { logGroups: p.items.map((g) => renderGroup(ctx, g)), nextToken: p.next };
  },
  PutRetentionPolicy(i, _ctx, data) {
    const g = group(data, i);
    if (!RETENTION_DAYS.includes(i.retentionInDays)) throw invalid(`1 validation error detected: Value '${i.retentionInDays}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
    g.retentionInDays = i.retentionInDays;
  },
  DeleteRetentionPolicy(i, _ctx, data) {
    delete group(data, i).retentionInDays;
  },
  CreateLogStream(i, ctx, data) {
    const g = group(data, i);
    const name = need(i, 'logStreamName');
    if (g.streams[name]) throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
    g.streams[name] = newStream(name, ctx.now());
  },
  PutLogEvents(i, ctx, data) {
    const g = group(data, i);
    const name = need(i, 'logStreamName');
    if (!g.streams[name]) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    appendEvents(data, g.name, name, i.logEvents ?? [], ctx.now());
    return { nextSequenceToken: String(data.logSeq) };
  },
  DescribeLogStreams(i, ctx, data) {
    const g = group(data, i);
    const streams = Object.values(g.streams).filter((s) => s.name.startsWith(i.logStreamNamePrefix ?? ''));
    const last = (s: (typeof streams)[number]) => s.events.at(-1)?.timestamp ?? 0;
    streams.sort(i.orderBy === 'LastEventTime' ? (a, b) => last(a) - last(b) : (a, b) => a.name.localeCompare(b.name));
    if (i.descending) streams.reverse();
    const p = page(streams, i.nextToken, limit(i, 50, 50), badToken);
    return {
      logStreams: p.items.map((s) => ({
        logStreamName: s.name, creationTime: s.createdAt,
        firstEventTimestamp: s.events[0]?.timestamp, lastEventTimestamp: s.events.at(-1)?.timestamp,
        lastIngestionTime: s.events.at(-1)?.ingestionTime, uploadSequenceToken: String(s.events.length),
        arn: `${groupArn(ctx, g.name)}:log-stream:${s.name}`, storedBytes: 0,
      })),
      nextToken: p.next,
    };
  },
  GetLogEvents(i, _ctx, data) {
    const g = group(data, i);
    const s = g.streams[need(i, 'logStreamName')];
    if (!s) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    const events = s.events.filter((e) => (i.startTime === undefined || e.timestamp >= i.startTime) && (i.endTime === undefined || e.timestamp < i.endTime));
    const max = limit(i, 10000, 10000);
    const token = /^[fb]\/(\d+)$/.exec(i.nextToken ?? '');
    if (i.nextToken !== undefined && !token) throw badToken();
    const fromHead = i.startFromHead === true;
    let start = token ? Number(token[1]) : fromHead ? 0 : Math.max(0, events.length - max);
    if (token && i.nextToken.startsWith('b/')) start = Math.max(0, start - max);
    const slice = events.slice(start, start + max);
    return {
      events: slice.map(({ timestamp, message, ingestionTime }) => ({ timestamp, message, ingestionTime })),
      nextForwardToken: `f/${start + slice.length}`,
      nextBackwardToken: `b/${start}`,
    };
  },
  FilterLogEvents(i, _ctx, data) {
    const g = group(data, i);
    const names: string[] | undefined = i.logStreamNames;
    const prefix: string | undefined = i.logStreamNamePrefix;
    if (names && prefix) throw invalid('You cannot specify both logStreamNames and logStreamNamePrefix.');
    const match = matcher(i.filterPattern);
    const streams = Object.values(g.streams).filter((s) => (!names || names.includes(s.name)) && (!prefix || s.name.startsWith(prefix)));
    const events = streams
      .flatMap((s) => s.events.map((e) => ({ logStreamName: s.name, ...e })))
      .filter((e) => (i.startTime === undefined || e.timestamp >= i.startTime) && (i.endTime === undefined || e.timestamp <= i.endTime))
      .filter((e) => match(e.message))
      .sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
    const p = page(events, i.nextToken, limit(i, 10000, 10000), badToken);
    return { events: p.items, searchedLogStreams: streams.map((s) => ({ logStreamName: s.name, searchedCompletely: true })), nextToken: p.next };
  },
  TagResource(i, _ctx, data) {
    const name = /:log-group:([^:]+)/.exec(need(i, 'resourceArn'))?.[1];
    const g = name ? data.logGroups[name] : undefined;
    if (!g) throw groupNotFound();
    checkTags(i.tags ?? {}, g.tags);
    Object.assign(g.tags, i.tags ?? {});
  },
  ListTagsForResource(i, _ctx, data) {
    const name = /:log-group:([^:]+)/.exec(need(i, 'resourceArn'))?.[1];
    const g = name ? data.logGroups[name] : undefined;
    if (!g) throw groupNotFound();
    return { tags: g.tags };
  },
};

export function logsOperation(name: string): Op | undefined {
  return Object.hasOwn(OPS, name) ? OPS[name] : undefined;
}
