import { DEFAULTS } from './schema';
import type { StageSettings } from './types';
import { isPlainObject } from './plain-object';

const MERGED_MAPS = ['environment_variables', 'tags'];

/** A stage's own keys over those of the stages it extends; refuses cycles. */
export function resolveExtends(file: Record<string, unknown>, stage: string): { settings: Record<string, unknown>; problems: string[] } {
  const chain: string[] = [];
  for (let name: string | undefined = stage; name !== undefined; ) {
    if (chain.includes(name)) {
      return { settings: {}, problems: [`zap.json: stage '${stage}': 'extends' makes a cycle (${[...chain, name].join(' → ')}); remove one of these links`] };
    }
    chain.push(name);
    const raw: unknown = file[name];
    if (!isPlainObject(raw)) return { settings: {}, problems: [`zap.json: stage '${stage}': 'extends' names '${name}', which is not a stage`] };
    name = isPlainObject(raw) && typeof raw.extends === 'string' ? raw.extends : undefined;
  }
  const settings: Record<string, unknown> = {};
  for (const name of chain.reverse()) {
    for (const [key, value] of Object.entries(file[name] as Record<string, unknown>)) {
      settings[key] = MERGED_MAPS.includes(key) && isPlainObject(value) ? { ...(settings[key] as object), ...value } : value;
    }
  }
  delete settings.extends;
  return { settings, problems: [] };
}

/** Defaults under a stage's settings; keep_warm normalised to a count (0 = off). */
export function withDefaults(partial: Partial<StageSettings> & Pick<StageSettings, 'stage' | 'project_name' | 'app'> & { keep_warm?: number | boolean }): StageSettings {
  const merged = { ...DEFAULTS, ...partial } as unknown as StageSettings;
  const kw: number | boolean = (partial.keep_warm ?? DEFAULTS.keep_warm) as number | boolean;
  return {
    ...merged,
    keep_warm: kw === true ? 1 : kw === false ? 0 : kw,
    environment_variables: { ...merged.environment_variables },
    tags: { ...merged.tags },
    include: [...merged.include],
    exclude: [...merged.exclude],
    external: [...merged.external],
  };
}
