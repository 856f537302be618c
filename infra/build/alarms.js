// The CloudWatch alerting of the stack (read by serverless-config.js and by the round-cost bench, so the cost
// model prices what the template creates): two alarms in all, both notifying alarmTopicArn.
//
// CloudWatch bills a standard alarm per alarm metric per month, and a metric filter's output as a custom
// metric per distinct namespace + name + dimensions (docs/operations.md, "Monitoring", has the sources). So
// every function's log group gets filters that all publish to ONE metric without dimensions, watched by one
// alarm, instead of a metric and two alarms per function (19 alarms and 9 custom metrics before).
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
function errorFilter(fn, ctx, pattern) {
  return {
    Type: 'AWS::Logs::MetricFilter',
    Properties: {
      LogGroupName: { Ref: `${logicalName(fn.name)}LogGroup` },
      FilterPattern: pattern,
      MetricTransformations: [
        { MetricNamespace: metricNamespace(ctx), MetricName: ERRORS_METRIC, MetricValue: '1' },
      ],
    },
  };
}

/**
 * Every alerting resource: per function two filters (its error lines, Lambda's failure lines) into the one
 * errors metric; the alarm on that metric; the HTTP API's 5xx alarm (also a 5xx that never reached a
 * function: an integration or Lambda service failure).
 */
function alerting(ctx, functions, alarmTopicArn) {
  const resources = {};
  for (const fn of functions) {
    resources[`${logicalName(fn.name)}ErrorLogFilter`] = errorFilter(fn, ctx, ERROR_LINE_PATTERN);
    resources[`${logicalName(fn.name)}FailureLogFilter`] = errorFilter(fn, ctx, FAILURE_LINE_PATTERN);
  }
  resources.ErrorsAlarm = countAlarm(
    `${ctx.service}-${ctx.stage}-errors`,
    `A function logged an error or failed (${functions.map((fn) => fn.name).join(', ')}): which one is in ` +
      'the logs (docs/operations.md, Monitoring)',
    { Namespace: metricNamespace(ctx), MetricName: ERRORS_METRIC },
    alarmTopicArn,
  );
  resources.Api5xxAlarm = countAlarm(
    `${ctx.service}-${ctx.stage}-api-5xx`,
    'The HTTP API answered 5xx (an unhandled error in a handler, a Lambda failure, or an integration error)',
    {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
    },
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

module.exports = { alerting, billedMonitoring, ERROR_LINE_PATTERN, FAILURE_LINE_PATTERN };
