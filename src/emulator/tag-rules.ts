/**
 * The tag rules every emulated service applies, from AWS's tagging documentation:
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions and the
 * Tag shapes of IAM (API_Tag), Lambda (configuration-tags) and CloudWatch Logs (API_TagResource).
 * Each service wraps a breach in its own error shape.
 */
export type TagBreach =
  | { kind: 'count'; count: number }
  | { kind: 'reserved'; key: string }
  | { kind: 'key'; key: string; constraint: string }
  | { kind: 'value'; key: string; value: string; constraint: string };

export const TAG_LIMIT = 50;
const KEY_PATTERN = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+';
const VALUE_PATTERN = '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*';
const KEY_RE = new RegExp(`^${KEY_PATTERN}$`, 'u');
const VALUE_RE = new RegExp(`^${VALUE_PATTERN}$`, 'u');

/** Lengths are in Unicode characters, as AWS counts them. */
const length = (s: string) => Array.from(s).length;

/** The first rule `incoming` breaks once merged over `existing`, or undefined when AWS would take it. */
export function tagBreach(incoming: Record<string, unknown>, existing: Record<string, unknown> = {}): TagBreach | undefined {
  for (const [key, raw] of Object.entries(incoming)) {
    const value = String(raw ?? '');
    if (length(key) < 1 || length(key) > 128) return { kind: 'key', key, constraint: 'Member must have length between 1 and 128' };
    if (!KEY_RE.test(key)) return { kind: 'key', key, constraint: `Member must satisfy regular expression pattern: ${KEY_PATTERN}` };
    // "aws:" is AWS's own prefix, in any case: tags written with it are refused.
    if (key.toLowerCase().startsWith('aws:')) return { kind: 'reserved', key };
    if (length(value) > 256) return { kind: 'value', key, value, constraint: 'Member must have length less than or equal to 256' };
    if (!VALUE_RE.test(value)) return { kind: 'value', key, value, constraint: `Member must satisfy regular expression pattern: ${VALUE_PATTERN}` };
  }
  const count = new Set([...Object.keys(existing), ...Object.keys(incoming)]).size;
  if (count > TAG_LIMIT) return { kind: 'count', count };
  return undefined;
}

/** A Key/Value list (IAM, EventBridge) as a map. */
export function tagMap(list: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** Smithy's wording for a constraint a tag breaks, as the services' ValidationException says it. */
export function breachMessage(b: TagBreach, member = 'tags'): string {
  switch (b.kind) {
    case 'count':
      return `Number of tags (${b.count}) exceeds the limit of ${TAG_LIMIT} tags per resource.`;
    case 'reserved':
      return `Tag keys beginning with 'aws:' are reserved for system use: ${b.key}`;
    case 'key':
      return `1 validation error detected: Value '${b.key}' at '${member}' failed to satisfy constraint: Map keys must satisfy constraint: [${b.constraint}]`;
    case 'value':
      return `1 validation error detected: Value '${b.value}' at '${member}.${b.key}' failed to satisfy constraint: Map value must satisfy constraint: [${b.constraint}]`;
  }
}
