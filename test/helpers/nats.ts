/** The NATS server (with JetStream) the NATS outlet tests use; CI sets it on the server profile. */
export const testNatsUrl = process.env.TEST_NATS_URL ?? null;

/** node:test's `skip` for tests that need NATS: false when it is configured, else the reason. */
export const withoutNats: string | false = testNatsUrl
  ? false
  : 'TEST_NATS_URL is not set (e.g. nats://127.0.0.1:4222): the NATS outlet tests need a running server with JetStream';
