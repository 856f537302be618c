// The CloudWatch alarms of the stack (read by serverless-config.js): per function its Errors metric and a
// metric filter on its error log lines, and the HTTP API's 5xx answers, all notifying alarmTopicArn.
'use strict';

/** `ingest` -> `Ingest`: the prefix osls itself uses for a function's logical ids (IngestLogGroup, ...). */
const logicalName = (name) => name.charAt(0).toUpperCase() + name.slice(1);

function errorsAlarm(fn, ctx, alarmTopicArn) {
  const actions = alarmTopicArn ? { AlarmActions: [alarmTopicArn], OKActions: [alarmTopicArn] } : {};
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmName: `${ctx.service}-${ctx.stage}-${fn.name}-errors`,
      AlarmDescription: `${fn.name} reported errors (${fn.description})`,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: `${logicalName(fn.name)}LambdaFunction` } }],
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
 * The HTTP API's 5xx answers. `withErrors` turns an exception into a logged 500 response, so Lambda's
 * Errors metric stays 0: this alarm (and the error-log filter below) are the ones that see it.
 */
function api5xxAlarm(ctx, alarmTopicArn) {
  return countAlarm(
    `${ctx.service}-${ctx.stage}-api-5xx`,
    'The HTTP API answered 5xx (an unhandled error in a handler, or a Lambda failure)',
    {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
    },
    alarmTopicArn,
  );
}

/** Error log lines of a function ({"level":"error",...} from lambdas/log.ts), counted as a metric. */
function errorLogFilter(fn, ctx) {
  return {
    Type: 'AWS::Logs::MetricFilter',
    Properties: {
      LogGroupName: { Ref: `${logicalName(fn.name)}LogGroup` },
      FilterPattern: '{ $.level = "error" }',
      MetricTransformations: [
        {
          MetricNamespace: `${ctx.service}/${ctx.stage}`,
          MetricName: `${fn.name}-error-log-lines`,
          MetricValue: '1',
          DefaultValue: 0,
        },
      ],
    },
  };
}

/** A function's three resources: its Errors alarm, the filter on its error log lines and that alarm. */
function functionAlarms(fn, ctx, alarmTopicArn) {
  return {
    [`${logicalName(fn.name)}ErrorsAlarm`]: errorsAlarm(fn, ctx, alarmTopicArn),
    [`${logicalName(fn.name)}ErrorLogFilter`]: errorLogFilter(fn, ctx),
    [`${logicalName(fn.name)}ErrorLogAlarm`]: countAlarm(
      `${ctx.service}-${ctx.stage}-${fn.name}-error-log`,
      `${fn.name} logged an error (an unhandled exception answered as 500, or a failed step)`,
      { Namespace: `${ctx.service}/${ctx.stage}`, MetricName: `${fn.name}-error-log-lines` },
      alarmTopicArn,
    ),
  };
}

module.exports = { api5xxAlarm, functionAlarms };
