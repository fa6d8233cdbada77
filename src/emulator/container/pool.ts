import type {
  ContainerInfo, ContainerPoolApi, ContainerPoolOptions, FunctionVersionSpec, InvokeOptions, InvokeResult,
} from './types';

export class ContainerPool implements ContainerPoolApi {
  constructor(private readonly opts: ContainerPoolOptions) {}
  async invoke(_spec: FunctionVersionSpec, _payload: Buffer, _o: InvokeOptions): Promise<InvokeResult> {
    throw new Error('not yet implemented');
  }
  busyCount(_functionName: string): number { return 0; }
  list(): ContainerInfo[] { return []; }
  async retire(_functionName: string, _version?: string): Promise<void> {}
  setIdleTtl(ms: number): void { this.opts.idleTtlMs = ms; }
  async close(): Promise<void> {}
}
