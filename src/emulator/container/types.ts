// The contract between the emulator's API side and its containers (Lambda's execution environment).
import type { ResourceModel, ResourceOptions } from './resources';

export type { ResourceModel, ResourceOptions } from './resources';

/** One published version (or $LATEST) of a function, as the API side knows it. */
export interface FunctionVersionSpec {
  functionName: string;
  /** Unqualified ARN. */
  functionArn: string;
  /** '$LATEST' or '1', '2', … */
  version: string;
  /** Identifies the code; containers are never reused across different code. */
  codeSha256: string;
  /** The unzipped artifact (read-only use). */
  codeDir: string;
  /** e.g. 'index.handler' */
  handler: string;
  /** 'nodejs24.x' | 'nodejs22.x' */
  runtime: string;
  memorySize: number;
  timeoutSeconds: number;
  environment: Record<string, string>;
  region: string;
  accountId: string;
  /** '/aws/lambda/<name>' */
  logGroup: string;
}

export interface InvokeOptions {
  requestId: string;
  invokedFunctionArn: string;
  /** As Invoke's X-Amz-Client-Context (base64 of JSON); the runtime gets the decoded JSON. */
  clientContext?: string;
  /** Takes a streamed response as it is written (InvokeWithResponseStream, RESPONSE_STREAM URLs); else it is gathered into `payload`. */
  stream?: StreamSink;
}

/** Where a streaming function's bytes go while it runs. */
export interface StreamSink {
  /** The function began streaming, with the content type its runtime set; `abort` ends it (the reader went away). */
  start(contentType: string, abort: () => void): void;
  chunk(bytes: Buffer): void;
}

export interface InvokeResult {
  payload: Buffer;
  functionError?: 'Unhandled';
  /** Last 4 KB of this invocation's log, plain text. */
  logTail: string;
  executedVersion: string;
  coldStart: boolean;
  /** Set when the function streamed its answer (its bytes went to the sink, or into payload when there was none). */
  streamed?: { contentType: string };
}

/** Each message ends in "\n", as Lambda's CloudWatch events do; one call may carry one or more events. */
export interface LogSink {
  (logGroup: string, logStream: string, events: { timestamp: number; message: string }[]): void;
}

export type ContainerState = 'starting' | 'idle' | 'busy';

export interface ContainerInfo {
  id: string;
  functionName: string;
  version: string;
  state: ContainerState;
  pid: number | undefined;
  invocations: number;
  createdAt: string;
  lastUsedAt: string;
  initDurationMs?: number;
  logStream: string;
  /** vCPUs its cgroup allots (by MemorySize), null when unthrottled or not started. */
  vcpus: number | null;
  /** MemorySize when the kernel enforces it, else null. */
  memoryLimitMb: number | null;
  /** Frozen between invocations right now. */
  frozen: boolean;
  /** Peak memory so far (what REPORT's Max Memory Used says), null before it starts. */
  maxMemoryUsedMb: number | null;
  /** How CPU, memory and the freeze are modelled on this host (the same for every container). */
  model: Pick<ResourceModel, 'cpu' | 'memory' | 'freeze'>;
}

export interface ContainerPoolOptions {
  /** The emulator's own URL; containers get AWS_ENDPOINT_URL=<it> so a function's SDK calls come back. */
  endpoint: string;
  /** Idle containers are reclaimed after this. */
  idleTtlMs: number;
  onLog: LogSink;
  /** Folder holding @aws-sdk/* for containers (default: zap's own node_modules), as Lambda's runtime provides the SDK. */
  sdkNodePath?: string;
  /** Where per-container /tmp-like folders go (default: the OS temp dir). */
  scratchRoot?: string;
  /** Lambda's CPU share, memory limit and freeze, each on unless turned off. */
  resources?: ResourceOptions;
}

/** What `ContainerPool` (pool.ts) offers; the API side may code against this. */
export interface ContainerPoolApi {
  invoke(spec: FunctionVersionSpec, payload: Buffer, opts: InvokeOptions): Promise<InvokeResult>;
  /** In-flight invocations across versions (for reserved-concurrency throttling). */
  busyCount(functionName: string): number;
  list(): ContainerInfo[];
  /** How containers are held to Lambda's resource model on this host (absent on a stand-in pool). */
  readonly resourceModel?: ResourceModel;
  /** Stops containers (function deleted / $LATEST code changed). */
  retire(functionName: string, version?: string): Promise<void>;
  setIdleTtl(ms: number): void;
  /** Kills every child; resolves when all have exited. */
  close(): Promise<void>;
}
