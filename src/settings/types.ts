/**
 * StageSettings, derived from the KEYS table in schema.ts (the one definition of zap.json): a key
 * added there is a field here, typed from its JSON Schema. What each key means is its description there.
 */
import type { DEFAULTS, KEY_TABLE } from './schema';

/** The TypeScript type of a value its JSON Schema accepts (the subset KEYS uses). */
type FromSchema<S> = S extends { enum: readonly (infer E)[] }
  ? E
  : S extends { anyOf: readonly (infer A)[] }
    ? FromSchema<A>
    : S extends { type: 'string' }
      ? string
      : S extends { type: 'integer' | 'number' }
        ? number
        : S extends { type: 'boolean' }
          ? boolean
          : S extends { type: 'array'; items: infer I }
            ? FromSchema<I>[]
            : S extends { type: 'object'; properties: infer P }
              ? ObjectOf<P, S extends { required: readonly (infer R)[] } ? R : never>
              : S extends { type: 'object'; additionalProperties: infer V }
                ? Record<string, FromSchema<V>>
                : S extends { type: 'object' }
                  ? Record<string, unknown>
                  : never;

/** An object schema with named properties: the `required` ones present, the rest optional. */
type ObjectOf<P, R> = { [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> } & { [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]> };

/** zap.json keys that end up in a stage's settings (`extends` is spent on resolving them). */
type Key = Exclude<keyof typeof KEY_TABLE, 'extends'>;

/** Resolution changes the shape of these: keep_warm false/true/N becomes a count (0 when off). */
interface Resolved {
  keep_warm: number;
}

/** Always present after resolution: the keys with defaults, and project_name and app (load.ts fills them). */
type Always = keyof typeof DEFAULTS | 'project_name' | 'app';

type ValueOf<K extends Key> = K extends keyof Resolved ? Resolved[K] : FromSchema<(typeof KEY_TABLE)[K]['schema']>;

/** One stage of zap.json after `extends`, defaults and validation: what every other part reads. */
export type StageSettings = {
  /** The stage's name, e.g. "dev". */
  stage: string;
} & { [K in Key as K extends Always ? K : never]: ValueOf<K> } & { [K in Key as K extends Always ? never : K]?: ValueOf<K> };
