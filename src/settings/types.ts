/** One stage of zap.json after `extends`, defaults and validation: what every other part reads. */
export interface StageSettings {
  /** The stage's name, e.g. "dev". */
  stage: string;
  /** Resources are named `<project_name>-<stage>`. Default: package.json name, else the folder name. */
  project_name: string;
  /** Module path and export of the Express app, e.g. "src/app.ts#app" ("#default" when omitted). */
  app: string;
  aws_region?: string;
  runtime: 'nodejs22.x' | 'nodejs24.x';
  architecture: 'arm64' | 'x86_64';
  memory_size: number;
  timeout_seconds: number;
  /** How many containers to hold warm; 0 when keep-warm is off. */
  keep_warm: number;
  keep_warm_expression: string;
  /** Boot the app while a warm container is held (default true). */
  keep_warm_prime: boolean;
  environment_variables: Record<string, string>;
  /** Globs of files the app reads at run time, copied into the artifact at the same relative paths. */
  include: string[];
  /** Globs of files never shipped, even when tracing, the boot check or include would ship them. */
  exclude: string[];
  /** Packages kept out of the bundle and copied from node_modules (native addons, computed requires). */
  external: string[];
  /** Bundle @aws-sdk/* into the artifact instead of using the runtime's copy (default false). */
  bundle_aws_sdk: boolean;
  /** Ship a V8 compile cache with the artifact (default true). */
  compile_cache: boolean;
  /** An existing IAM role to use instead of the one zap makes. */
  role_arn?: string;
  /** Published versions kept for rollback (default 5). */
  num_retained_versions: number;
  /** How HTTP reaches the function: a Function URL (default), an API Gateway HTTP API, or none. */
  http: 'function_url' | 'api_gateway' | 'none';
  /** Extra tags on everything zap makes. */
  tags: Record<string, string>;
  /** CloudWatch Logs retention for the function's log group; none = never expire. */
  log_retention_days?: number;
}
