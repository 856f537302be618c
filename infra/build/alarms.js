// The CloudWatch alerting of the stack (read by serverless-config.js and by the round-cost bench, so the cost
// model prices what the template creates): one alarm in all, notifying alarmTopicArn.
//
// CloudWatch bills a standard alarm per alarm metric per month, and a metric filter's output as a custom
// metric per distinct namespace + name + dimensions (docs/operations.md, "Monitoring", has the sources). So
// every function's log group, and the HTTP API's access log, get filters that all publish to ONE metric
// without dimensions, watched by one alarm (19 alarms and 9 custom metrics before; then 2 alarms).
'use strict';

/** `ingest` -> `Ingest`: the prefix osls itself uses for a function's logical ids (IngestLogGroup, ...). */
const logicalName = (name) => name.charAt(0).toUpperCase() + name.slice(1);

/** What the filters count: the error lines lambdas/log.ts writes (every 500 that withErrors answers logs one). */
const ERROR_LINE_PATTERN = '{ $.level = "error" }';
/**
 * Lambda's own lines for an invocation that failed before our code could log (what the function's Errors
 * metric counts): a timeout ("Task timed out after N seconds"), an exception out of the handler (Lambda logs
 * its error document, with `errorType`: docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html, which
 * the Node.js runtime prefixes "Invoke Error"), an uncaught exception or rejection, the runtime exiting (out
 * of memory). Text terms, OR-ed (`?`), in the default text log format.
 */
const FAILURE_LINE_PATTERN =
  '?"Task timed out" ?"Invoke Error" ?errorType ?"Uncaught Exception" ?"Unhandled Promise Rejection" ?"Runtime exited"';
const ERRORS_METRIC = 'errors';

/** osls's logical id of the HTTP API's access-log group (provider.logs.httpApi), `/aws/http-api/<stack>`. */
const ACCESS_LOG_GROUP_ID = 'HttpApiLogGroup';
/**
 * The HTTP API's access-log line (provider.logs.httpApi.format): JSON, one line per request, with the
 * status unquoted so it is a JSON number the filter can compare. No source IP, no user agent: nothing that
 * identifies a person. Variables: docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  route: '$context.routeKey',
  status: '__STATUS__',
  integrationStatus: '$context.integrationStatus',
}).replace('"__STATUS__"', '$context.status');
/** Every answer of 500 or more, also one no function gave (an integration error, a Lambda service failure). */
const API_5XX_PATTERN = '{ $.status >= 500 }';

/** The access-log line API Gateway would write for one request (the round-cost bench prices its bytes). */
function accessLogLine({ requestId, routeKey, status, integrationStatus }) {
  return ACCESS_LOG_FORMAT.replace('$context.requestId', requestId)
    .replace('$context.routeKey', routeKey)
    .replace('$context.status', String(status))
    .replace('$context.integrationStatus', String(integrationStatus ?? status));
}

const metricNamespace = (ctx) => `${ctx.service}/${ctx.stage}`;

/** Alarm on a metric: one datapoint at or above 1 in 5 minutes. */
function countAlarm(name, description, metric, alarmTopicArn) {
  const actions = alarmTopicArn ? { AlarmActions: [alarmTopicArn], OKActions: [alarmTopicArn] } : {};
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: name,
      AlarmDescription: description,
      ...metric,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      ...actions,
    },
  };
}

/**
 * A filter on a function's log group adding 1 to the shared errors metric per matching line. No
 * DefaultValue: a filter then publishes only when a line matches, so the metric has data (and is metered)
 * only in the hours something failed, and no dimensions, so all functions' filters feed the same metric.
 */
function errorFilter(logGroupId, ctx, pattern) {
  return {
    Type: 'AWS::Logs::MetricFilter',
    Properties: {
      LogGroupName: { Ref: logGroupId },
      FilterPattern: pattern,
      MetricTransformations: [
        { MetricNamespace: metricNamespace(ctx), MetricName: ERRORS_METRIC, MetricValue: '1' },
      ],
    },
  };
}

/**
 * Every alerting resource: per function two filters (its error lines, Lambda's failure lines) and on the
 * HTTP API's access log one (every 5xx answer, also one that never reached a function), all into the one
 * errors metric; the alarm on that metric.
 */
function alerting(ctx, functions, alarmTopicArn) {
  const resources = {};
  for (const fn of functions) {
    const logGroupId = `${logicalName(fn.name)}LogGroup`;
    resources[`${logicalName(fn.name)}ErrorLogFilter`] = errorFilter(logGroupId, ctx, ERROR_LINE_PATTERN);
    resources[`${logicalName(fn.name)}FailureLogFilter`] = errorFilter(logGroupId, ctx, FAILURE_LINE_PATTERN);
  }
  resources.HttpApi5xxLogFilter = errorFilter(ACCESS_LOG_GROUP_ID, ctx, API_5XX_PATTERN);
  resources.ErrorsAlarm = countAlarm(
    `${ctx.service}-${ctx.stage}-errors`,
    `A function logged an error or failed (${functions.map((fn) => fn.name).join(', ')}), or the HTTP API ` +
      'answered 5xx: which one is in the logs (docs/operations.md, Monitoring)',
    { Namespace: metricNamespace(ctx), MetricName: ERRORS_METRIC },
    alarmTopicArn,
  );
  return resources;
}

/**
 * What CloudWatch bills of `resources` every month: alarm metrics (one per alarm on a metric, one per
 * metric an expression alarm reads) and custom metrics (distinct namespace + name + dimensions that
 * metric filters publish).
 */
function billedMonitoring(resources) {
  const all = Object.values(resources);
  const alarms = all.filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
  const alarmMetrics = alarms.reduce(
    (n, a) =>
      n + (a.Properties.MetricName ? 1 : (a.Properties.Metrics ?? []).filter((m) => m.MetricStat).length),
    0,
  );
  const customMetrics = new Set(
    all
      .filter((r) => r.Type === 'AWS::Logs::MetricFilter')
      .flatMap((r) => r.Properties.MetricTransformations)
      .map((t) => JSON.stringify([t.MetricNamespace, t.MetricName, t.Dimensions ?? null])),
  );
  return { alarms: alarms.length, alarmMetrics, customMetrics: customMetrics.size };
}

module.exports = {
  ACCESS_LOG_FORMAT,
  ACCESS_LOG_GROUP_ID,
  API_5XX_PATTERN,
  accessLogLine,
  alerting,
  billedMonitoring,
  ERROR_LINE_PATTERN,
  FAILURE_LINE_PATTERN,
};
