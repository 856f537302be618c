// Types of alarms.js (plain CommonJS: osls loads it through serverless-config.js without a TypeScript loader).
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation resources are free-form JSON
type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;
export declare const ERROR_LINE_PATTERN: string;
export declare const FAILURE_LINE_PATTERN: string;
export declare const ACCESS_LOG_FORMAT: string;
export declare const ACCESS_LOG_GROUP_ID: string;
export declare const API_5XX_PATTERN: string;
export declare function accessLogLine(request: {
  requestId: string;
  routeKey: string;
  status: number;
  integrationStatus?: number;
}): string;
export declare function alerting(
  ctx: { service: string; stage: string },
  functions: readonly { name: string }[],
  alarmTopicArn: string | undefined,
): Resources;
export declare function billedMonitoring(resources: Resources): {
  alarms: number;
  alarmMetrics: number;
  customMetrics: number;
};
