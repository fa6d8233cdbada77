import type { AwsClients } from '../aws/clients';
import { filterLogEvents } from '../aws/logs';
import type { FetchPage } from './follow';

/** FilterLogEvents pages of one group, as the poll loop reads them. */
export function logFetcher(c: AwsClients, group: string, pattern?: string): FetchPage {
  return async (q) => {
    const page = await filterLogEvents(c, { group, startTime: q.startTime, nextToken: q.nextToken, pattern });
    if (!page) return undefined;
    const events = page.events.map((e) => ({ eventId: e.eventId!, timestamp: e.timestamp!, message: e.message ?? '', logStreamName: e.logStreamName }));
    return { events, nextToken: page.nextToken };
  };
}
