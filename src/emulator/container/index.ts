export { ContainerPool } from './pool';
export type * from './types';
