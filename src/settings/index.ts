export { loadStage, listStages, SETTINGS_FILE } from './load';
export { defaultStage, pickStage } from './default-stage';
export { withDefaults } from './resolve';
export { validateSettingsFile } from './validate';
export { scheduleExpressionProblem, schedulePeriodMs } from './schedule-expression';
export { editorSchema } from './schema';
export type { StageSettings } from './types';
