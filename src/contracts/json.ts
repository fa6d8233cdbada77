/** A JSON object (not null, not an array): the shape every event and answer on zap's wires has. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
