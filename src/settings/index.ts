export { loadStage, listStages, SETTINGS_FILE } from './load';
export { defaultStage, pickStage } from './default-stage';
export { withDefaults } from './resolve';
export { validateSettingsFile } from './validate';
export { scheduleExpressionProblem, schedulePeriodMs } from './schedule-expression';
export { editorSchema } from './schema';
export type { StageSettings } from './types';

/** `<project>-<stage>`: the name of the function, role, rule and log group zap makes. */
export function resourceName(s: { project_name: string; stage: string }): string {
  return `${s.project_name}-${s.stage}`;
}
