// Test-wide environment: no AWS account, no network, quiet SDK.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_REGION ??= 'ap-southeast-3';
// Every embedded stack a test starts (the demo, dev, doctor) takes free ports, so test files running at the
// same time, or a demo someone left running, never collide on the default ports 8700-8702.
process.env.COCREATE_API_PORT ??= '0';
process.env.COCREATE_DYNAMODB_PORT ??= '0';
process.env.COCREATE_MAIL_PORT ??= '0';
